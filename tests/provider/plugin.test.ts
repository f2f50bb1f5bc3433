/**
 * The package as a provider plugin, driven exactly as the Pulumi engine drives it: launched through
 * `@pulumi/pulumi/cmd/run-plugin`, asked `GetPluginInfo` and `GetSchema`, and made to build each component
 * through `Construct` against the test engine. What registers through the protocol must equal what the same
 * component registers in-process under the mocks (same simulator, same project and stack).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { FargateCluster, Registry, WebService } from "../../components";
import { Deployment, outputValue, ProviderPlugin, secret, TestEngine } from "../../harness/engine";
import { Recorder, setSimulatedMocks, settle } from "../../sim/mocks";
import { runProgram } from "../../harness/programs";
import { loadStack } from "../../plan/stack";
import { UNKNOWN } from "../../sim/types";
import { CLUSTER_EXISTING_NETWORK, CLUSTER_FULL, REGISTRY_FULL, WEB_FULL, WEB_REQUIRED } from "./args";
import { childNames, ROOT, shapes } from "./shapes";

const PROJECT = "ecs-fargate";
const STACK = "test";
const CLASSES = { Registry, FargateCluster, WebService } as const;
type ComponentName = keyof typeof CLASSES;

/** An `Output` whose value is not known yet, as a preview has for anything AWS computes. */
function unknownOutput<T>(): pulumi.Output<T> {
    const OutputCtor = pulumi.Output as unknown as new (...args: unknown[]) => pulumi.Output<T>;
    return new OutputCtor(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve([]));
}

describe("the provider plugin, through the Pulumi protocol", function () {
    this.timeout(120_000);
    let engine: TestEngine;
    let plugin: ProviderPlugin;

    before(async () => {
        engine = await TestEngine.start();
        plugin = await ProviderPlugin.launch(ROOT, engine.address);
        engine.useProvider("ecs-fargate", plugin);
    });

    after(async () => {
        await plugin?.stop();
        await engine?.stop();
    });

    async function viaConstruct(component: ComponentName, name: string, inputs: Record<string, unknown>, preview = false) {
        const deployment = engine.begin({ project: PROJECT, stack: STACK, preview });
        const result = await engine.construct({ type: `ecs-fargate:index:${component}`, name, inputs });
        return { deployment, result };
    }

    async function inProcess(component: ComponentName, name: string, args: Record<string, unknown>, preview = false): Promise<Recorder> {
        const recorder = await setSimulatedMocks({ project: PROJECT, stack: STACK, preview });
        new CLASSES[component](name, args as any);
        await settle();
        return recorder;
    }

    function component(deployment: Deployment, type: ComponentName, name: string) {
        return deployment.get(`ecs-fargate:index:${type}`, name);
    }

    it("answers GetPluginInfo with the package version", async () => {
        const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.deepEqual(await plugin.getPluginInfo(), { version: packageJson.version });
    });

    it("answers GetSchema with exactly the committed schema.json (run `npm run schema` when this fails)", async () => {
        const served = JSON.parse(await plugin.getSchema());
        const committed = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
        assert.deepEqual(committed, served);
    });

    const cases: [ComponentName, string, string, Record<string, unknown>][] = [
        ["Registry", "default args", "app", {}],
        ["Registry", "every arg, building the demo image", "full", REGISTRY_FULL],
        ["FargateCluster", "default args", "main", {}],
        ["FargateCluster", "every arg of a created network", "full", CLUSTER_FULL],
        ["FargateCluster", "an existing network", "byo", CLUSTER_EXISTING_NETWORK],
        ["WebService", "the required args only", "web", WEB_REQUIRED],
        ["WebService", "every arg", "full", WEB_FULL],
    ];
    for (const [type, label, name, args] of cases) {
        it(`builds ${type} with ${label} through Construct exactly as in-process`, async () => {
            const { deployment, result } = await viaConstruct(type, name, args);
            const registered = component(deployment, type, name);
            assert.equal(result.urn, registered.urn);
            assert.equal(registered.parent, undefined);
            assert.ok(deployment.childrenOf(registered.urn).length > 0, "the component has children");
            assert.deepEqual(result.state, registered.outputs, "Construct answers the outputs the component registered");
            assert.deepEqual(deployment.errors, []);

            const recorder = await inProcess(type, name, args);
            assert.deepEqual(shapes(deployment.resources, { revealSecrets: true }), shapes(recorder.resources, { revealSecrets: true }));
        });
    }

    it("keeps the registry password a secret when the Registry pushes an image through Construct", async () => {
        const { deployment } = await viaConstruct("Registry", "full", REGISTRY_FULL);
        const image = deployment.get("docker:index/image:Image", "full-image");
        assert.deepEqual((image.inputs.registry as Record<string, unknown>).password, secret("simulated-password"));
    });

    it("creates no network resources for a FargateCluster in an existing network", async () => {
        const { deployment } = await viaConstruct("FargateCluster", "byo", CLUSTER_EXISTING_NETWORK);
        const network = deployment.resources.filter((r) => /^aws:ec2\//.test(r.type));
        assert.deepEqual(network.map((r) => r.name), []);
        assert.deepEqual(deployment.resources.filter((r) => r.type === "ecs-fargate:index:FargateCluster")[0].outputs.vpcId, "vpc-existing");
    });

    it("rejects a CPU/memory pair Fargate does not offer with an error naming the argument, before registering anything", async () => {
        const bad = { ...WEB_REQUIRED, cpu: 256, memory: 4096 };
        let inProcessError: Error | undefined;
        try {
            await inProcess("WebService", "bad", bad);
        } catch (err) {
            inProcessError = err as Error;
        }
        assert.ok(inProcessError, "the in-process constructor throws");

        const deployment = engine.begin({ project: PROJECT, stack: STACK });
        await assert.rejects(engine.construct({ type: "ecs-fargate:index:WebService", name: "bad", inputs: bad }), (err: any) => {
            assert.match(err.details, /`memory` 4096/);
            assert.match(err.details, /`cpu` 256/);
            assert.equal(err.details, inProcessError!.message);
            return true;
        });
        assert.deepEqual(deployment.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn), [], "not even the component is registered");
    });

    it("previews a WebService whose image is not known yet: same children, the task definition unknown", async () => {
        const { deployment, result } = await viaConstruct("WebService", "web", { ...WEB_REQUIRED, image: outputValue() }, true);
        const { deployment: update } = await viaConstruct("WebService", "web", WEB_REQUIRED, false);
        assert.deepEqual(
            childNames(deployment.resources, "ecs-fargate:index:WebService", "web"),
            childNames(update.resources, "ecs-fargate:index:WebService", "web"),
            "a preview shows every resource the update creates",
        );
        const taskDefinition = deployment.get("aws:ecs/taskDefinition:TaskDefinition", "web-task");
        assert.equal(taskDefinition.inputs.containerDefinitions, UNKNOWN);
        assert.equal(taskDefinition.id, undefined);
        assert.equal(result.state.url, UNKNOWN);

        const recorder = await inProcess("WebService", "web", { ...WEB_REQUIRED, image: unknownOutput<string>() }, true);
        assert.deepEqual(shapes(deployment.resources, { revealSecrets: true }), shapes(recorder.resources, { revealSecrets: true }));
    });

    it("passes an input's dependencies on to the children that use it", async () => {
        const registryUrn = `urn:pulumi:${STACK}::${PROJECT}::ecs-fargate:index:Registry::app`;
        const { deployment } = await viaConstruct("WebService", "web", {
            ...WEB_REQUIRED,
            image: outputValue({ value: WEB_REQUIRED.image, dependencies: [registryUrn] }),
        });
        const taskDefinition = deployment.get("aws:ecs/taskDefinition:TaskDefinition", "web-task");
        assert.ok(taskDefinition.propertyDependencies.containerDefinitions.includes(registryUrn));
        assert.equal(JSON.parse(taskDefinition.inputs.containerDefinitions as string)[0].image, WEB_REQUIRED.image);
    });

    it("runs the demo with remote components, built through Construct, to exactly the TypeScript demo's resources", async () => {
        const loaded = loadStack(ROOT, "dev");
        const run = (command: string) =>
            runProgram(engine, { language: "nodejs", command: [command], cwd: ROOT, project: loaded.project, stack: "dev", config: loaded.config });
        const typescript = await run(path.relative(ROOT, loaded.program));
        const remote = await run(path.join("tests", "provider", "fixtures", "remoteDemo.ts"));
        assert.equal(remote.exitCode, 0, remote.logs.map((l) => l.message).join("\n") + remote.stderr);
        assert.deepEqual(remote.deployment.errors, []);
        const service = remote.deployment.get("ecs-fargate:index:WebService", "web");
        assert.equal(service.parent, remote.deployment.rootUrn, "the plugin registers the component under the program's stack");
        const ignoreDependenciesOn = "ecs-fargate:index:";
        assert.deepEqual(shapes(remote.resources, { ignoreDependenciesOn }), shapes(typescript.resources, { ignoreDependenciesOn }));
        const vpcDependencies = remote.deployment.get("aws:ec2/securityGroup:SecurityGroup", "web-task-sg").propertyDependencies.vpcId;
        assert.ok(vpcDependencies.includes(remote.deployment.get("ecs-fargate:index:FargateCluster", "main").urn), "and on the cluster component itself");
    });
});
