/**
 * The TypeScript demo through the real Pulumi CLI against the simulated cloud: up (under the policy pack, whose
 * verdict must be the offline plan's: plan/analyzer.ts runs the same pack in process, with its own reading of the
 * CLI's policy config), a no-op second up, a change of the app, a change of capacity, and destroy, in that order
 * on one stack (each step starts from the last).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { exportResources, runLocal } from "../../engine/local";
import { POLICY_PACK } from "../../engine/workspace";
import { buildPlan } from "../../plan/plan";
import { cloudOf, policyConfig, recording, REPO_ROOT, requireCli, resourceLabel, scratch, stackVariant } from "./helpers";

describe("the TypeScript demo through the real engine (dev)", function () {
    this.timeout(180_000);
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

    // The first up runs under the policy pack with dev's config, as `ecs-fargate local up --policy-pack-config` does.
    const judged: string[] = [];

    it("creates every resource of the stack on the first up, under the policy pack", async () => {
        const r = await runLocal("up", {
            ...base(),
            policyPacks: [POLICY_PACK],
            policyPackConfigs: [policyConfig("dev")],
            onEvent: (e) => e.policyEvent && judged.push(`${e.policyEvent.enforcementLevel} ${e.policyEvent.policyName} on ${resourceLabel(e.policyEvent.resourceUrn)}`),
        });
        assert.deepStrictEqual(r.changes, { create: 38 });
        assert.match(String(r.outputs.url), /^http:\/\/web-[0-9a-f]{7}-\d+\.us-east-1\.elb\.amazonaws\.com$/);
        assert.match(String(r.outputs.taskDefinitionArn), /:task-definition\/devops-taskdefinition:1$/);
    });

    it("judges the stack as the offline plan does: the same violations, at the same levels, on the same resources", async () => {
        const { plan } = await buildPlan({ projectDir: REPO_ROOT, stack: "dev", policyConfig: policyConfig("dev") });
        const planned = plan.policy.violations.map((v) => `${v.level} ${v.policy} on ${resourceLabel(v.urn)}`);
        assert.ok(judged.length > 0, "the pack reported dev's advisories");
        assert.deepStrictEqual([...new Set(judged)].sort(), [...new Set(planned)].sort());
    });

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
