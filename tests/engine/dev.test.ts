/**
 * The dev demo stack through the real Pulumi CLI against the simulated cloud, in that order (each step starts from
 * the last):
 * - a first up of the TypeScript demo interrupted halfway (the CLI gets SIGINT, as on Ctrl-C), which leaves a
 *   checkpoint of what it created;
 * - the next up, under the policy pack with dev's config, which creates the rest without losing or duplicating a
 *   resource in the stack or in the simulated cloud; the pack's verdict must be the offline plan's (plan/analyzer.ts
 *   runs the same pack in process, with its own reading of the CLI's policy config);
 * - the same stack from Python (examples/python) and Go (examples/go), each in its own `.ecs-fargate/` with the same
 *   build context, through this package's component plugin (engine/bin/pulumi-resource-ecs-fargate): each must record
 *   what the TypeScript stack recorded, report its stack outputs, and change nothing on a second up (the SDKs, the
 *   plugin and the Go driver come from tools/setup-polyglot.sh);
 * - a no-op up, a change of the app, a change of capacity, a refresh, and destroy, of the TypeScript stack.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { exportResources, runLocal } from "../../engine/local";
import { POLICY_PACK } from "../../engine/workspace";
import { buildPlan } from "../../plan/plan";
import { cloudOf, policyConfig, recording, REPO_ROOT, requireCli, resourceLabel, scratch, stackVariant } from "./helpers";
import { comparable, DEMO_OUTPUTS, deploy, PROJECT_DIRS } from "./polyglot.helpers";

/** Dev's trade-offs: the rules its policy config (policy/config/dev.json) lowers from mandatory to advisory. */
const DEV_TRADE_OFFS = [
    "alb-access-logs-enabled on aws:lb/loadBalancer:LoadBalancer::web-alb",
    "alb-deletion-protection on aws:lb/loadBalancer:LoadBalancer::web-alb",
    "alb-listener-https-or-redirect on aws:lb/listener:Listener::web-http",
    "alb-waf-associated on aws:lb/loadBalancer:LoadBalancer::web-alb",
    "ecr-repository-kms-encryption on aws:ecr/repository:Repository::app",
    "ecs-cluster-exec-logging-encrypted on aws:ecs/cluster:Cluster::main",
    "ecs-service-high-availability on aws:ecs/service:Service::web",
    "ecs-service-no-public-ip on aws:ecs/service:Service::web",
    "log-group-kms-encryption on aws:cloudwatch/logGroup:LogGroup::web-logs",
    "log-group-retention on aws:cloudwatch/logGroup:LogGroup::web-logs",
];

/** The stack's resources other than providers: the demo's 38. */
const managed = <T extends { type: string }>(rs: T[]): T[] => rs.filter((r) => !r.type.startsWith("pulumi:providers:"));

describe("the dev stack through the real engine: TypeScript's lifecycle, with Python and Go against it", function () {
    this.timeout(300_000);
    const dir = scratch("ts");
    const stateRoot = path.join(dir, "state");
    const app = path.join(dir, "app");
    let stackFile: string;

    before(() => {
        requireCli();
        fs.cpSync(path.join(REPO_ROOT, "app"), app, { recursive: true });
        stackFile = stackVariant(dir, "dev", (c) => (c["ecs-fargate-demo:registry"].build.context = app));
    });

    const base = () => ({ projectDir: REPO_ROOT, stack: "dev", stateRoot, stackFile });

    let kept: number;
    it("keeps in the checkpoint what an up interrupted halfway created", async () => {
        const abort = new AbortController();
        let created = 0;
        const interrupted = await runLocal("up", {
            ...base(),
            signal: abort.signal,
            onEvent: (e) => {
                if (e.resOutputsEvent?.metadata.op === "create" && ++created === 12) {
                    abort.abort();
                }
            },
        }).then(() => undefined, (e) => e);
        assert.ok(interrupted, "the interrupted up fails");
        kept = managed(await exportResources(base())).length;
        assert.ok(kept >= 12 && kept < 38, `the checkpoint keeps what was created before the interruption (${kept} of 38)`);
    });

    // The resumed up runs under the policy pack with dev's config, as `ecs-fargate local up --policy-pack-config` does.
    const judged: string[] = [];
    // What it recorded (`comparable`) and its stack outputs: Python and Go must build the same.
    let recorded: Record<string, unknown>;
    let outputs: Record<string, unknown>;

    it("creates the rest on the next up, under the policy pack, each resource exactly once", async () => {
        const r = await runLocal("up", {
            ...base(),
            policyPacks: [POLICY_PACK],
            policyPackConfigs: [policyConfig("dev")],
            onEvent: (e) => e.policyEvent && judged.push(`${e.policyEvent.enforcementLevel} ${e.policyEvent.policyName} on ${resourceLabel(e.policyEvent.resourceUrn)}`),
        });
        // Everything in the checkpoint is the same (recorded finished); everything else is created now.
        assert.deepStrictEqual(r.changes, { same: kept, create: 38 - kept });
        assert.match(String(r.outputs.url), /^http:\/\/web-[0-9a-f]{7}-\d+\.us-east-1\.elb\.amazonaws\.com$/);
        assert.match(String(r.outputs.taskDefinitionArn), /:task-definition\/devops-taskdefinition:1$/);
        const exported = await exportResources(base());
        recorded = comparable(exported);
        outputs = r.outputs;
        const resources = managed(exported);
        assert.strictEqual(resources.length, 38);
        assert.strictEqual(new Set(resources.map((x) => x.urn)).size, 38, "no URN twice");
        // In the cloud: each custom resource was created exactly once (the simulated cloud counts creations per URN).
        const cloud = cloudOf(stateRoot);
        const creations = resources.filter((x) => x.custom).map((x) => cloud.generation(x.urn));
        assert.deepStrictEqual(creations, creations.map(() => 1));
        assert.deepStrictEqual(cloud.list("ecr-repository").map((o) => o.name), ["devops-ecr"]);
        assert.deepStrictEqual(cloud.list("ecs-cluster").map((o) => o.name), ["devops-cluster"]);
    });

    it("judges the whole stack as the offline plan does: dev's trade-offs, lowered to advisories by --policy-pack-config", async () => {
        const { plan } = await buildPlan({ projectDir: REPO_ROOT, stack: "dev", policyConfig: policyConfig("dev") });
        const planned = plan.policy.violations.map((v) => `${v.level} ${v.policy} on ${resourceLabel(v.urn)}`);
        assert.deepStrictEqual([...new Set(judged)].sort(), DEV_TRADE_OFFS.map((v) => `advisory ${v}`));
        assert.deepStrictEqual([...new Set(planned)].sort(), DEV_TRADE_OFFS.map((v) => `advisory ${v}`));
    });

    for (const language of ["python", "go"] as const) {
        const stateRoot = () => path.join(dir, language);

        it(`builds the same stack from ${language}: its resources, inputs, outputs, dependency graph and stack outputs`, async () => {
            const { result, resources } = await deploy(language, "dev", stateRoot(), stackFile);
            assert.deepStrictEqual(result.changes, { create: 38 });
            assert.deepStrictEqual(Object.keys(outputs).sort(), DEMO_OUTPUTS);
            assert.deepStrictEqual(result.outputs, outputs);
            assert.deepStrictEqual(comparable(resources), recorded);
        });

        it(`changes nothing on a second up from ${language}`, async () => {
            const again = await runLocal("up", { projectDir: PROJECT_DIRS[language], stack: "dev", stateRoot: stateRoot(), stackFile });
            assert.deepStrictEqual(again.changes, { same: 38 });
        });
    }

    it("changes nothing on a second up", async () => {
        const { options, steps } = recording(base());
        const r = await runLocal("up", options);
        assert.deepStrictEqual(r.changes, { same: 38 });
        assert.deepStrictEqual(steps, []);
    });

    it("rebuilds the image and rolls out a new task definition and service when app/ changes", async () => {
        fs.appendFileSync(path.join(app, fs.readdirSync(app).find((f) => f !== "Dockerfile" && fs.statSync(path.join(app, f)).isFile())!), "\n// changed\n");
        const { options, steps } = recording(base());
        const r = await runLocal("up", options);
        const byType: Record<string, string[]> = {};
        steps.forEach((s) => (byType[s.type] = [...(byType[s.type] ?? []), s.op]));
        assert.deepStrictEqual(byType, {
            "docker:index/image:Image": ["update"],
            // A task definition cannot change: a new revision is registered before the old one is deregistered.
            "aws:ecs/taskDefinition:TaskDefinition": ["create-replacement", "replace", "delete-replaced"],
            "aws:ecs/service:Service": ["update"],
        });
        assert.deepStrictEqual(r.changes, { same: 35, update: 2, replace: 1 });
        assert.match(String(r.outputs.taskDefinitionArn), /:task-definition\/devops-taskdefinition:2$/);
    });

    it("updates only the service, in place, when its capacity strategy and desired count change", async () => {
        const capacity = stackVariant(dir, "dev", (c) => {
            c["ecs-fargate-demo:registry"].build.context = app;
            c["ecs-fargate-demo:service"].desiredCount = 2;
            c["ecs-fargate-demo:service"].capacity = { onDemandBase: 1, onDemandWeight: 1, spotWeight: 3 };
        });
        const { options, steps } = recording({ ...base(), stackFile: capacity });
        const r = await runLocal("up", options);
        // pulumi-aws replaces a service whose capacity_provider_strategy changes unless force_new_deployment is set,
        // which the service always sets: so this is an in-place update that rolls the tasks.
        assert.deepStrictEqual(steps.map((s) => `${s.type} ${s.op}`), ["aws:ecs/service:Service update"]);
        assert.deepStrictEqual(r.changes, { same: 37, update: 1 });
        const service = (await exportResources(base())).find((x) => x.type === "aws:ecs/service:Service");
        assert.deepStrictEqual(service?.inputs?.capacityProviderStrategies, [
            { base: 1, capacityProvider: "FARGATE", weight: 1 },
            { base: 0, capacityProvider: "FARGATE_SPOT", weight: 3 },
        ]);
        assert.strictEqual(service?.inputs?.desiredCount, 2);
    });

    it("finds the cloud as the state records it on a refresh, and keeps the stack's outputs", async () => {
        const { options, steps } = recording(base());
        const r = await runLocal("refresh", options);
        // Each resource is read back (a refresh step, providers included); none differs from its recorded state.
        assert.deepStrictEqual(r.changes, { same: 38 });
        assert.deepStrictEqual([...new Set(steps.map((s) => s.op))], ["refresh"]);
        assert.strictEqual(steps.length, 40);
        assert.match(String(r.outputs.taskDefinitionArn), /:task-definition\/devops-taskdefinition:2$/);
    });

    it("destroys the stack and leaves the image repository and the logs in the cloud", async () => {
        const r = await runLocal("destroy", base());
        assert.deepStrictEqual(r.changes, { delete: 38 });
        const cloud = cloudOf(stateRoot);
        assert.deepStrictEqual(cloud.list("ecr-repository").map((o) => o.name), ["devops-ecr"]);
        assert.strictEqual(cloud.list("ecr-image").length, 2, "both pushed images stay in the repository");
        assert.strictEqual(cloud.list("logs-log-group").length, 1);
        assert.deepStrictEqual(cloud.list("ecs-cluster"), []);
    });
});
