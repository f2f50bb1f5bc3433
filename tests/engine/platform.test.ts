/**
 * The platform from Python and Go through the real engine: `examples/python-platform` and `examples/go-platform`
 * build one of each service component (FargateCluster, LoadBalancer, two WebServices, WorkerService) through the
 * generated SDKs; the engine launches this package's component plugin for them and the simulated cloud's plugins
 * for their children. Both run `stacks/platform/Pulumi.platform.yaml` (the examples' project is
 * `ecs-fargate-platform`, as the stack's config keys are) and must record the same resources, with one load
 * balancer and a listener rule per web service. Needs tools/setup-polyglot.sh (the SDKs, build/venv, the Go
 * driver).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ExportedResource, exportResources, LocalRunError, runLocal } from "../../engine/local";
import { REPO_ROOT, requireCli, scratch } from "./helpers";
import { comparable } from "./polyglot.helpers";

const STACK_FILE = path.join(REPO_ROOT, "stacks", "platform", "Pulumi.platform.yaml");
const PROJECT_DIRS = {
    python: path.join(REPO_ROOT, "examples", "python-platform"),
    go: path.join(REPO_ROOT, "examples", "go-platform"),
};

describe("the platform from Python and Go through the real engine", function () {
    this.timeout(600_000);
    const dir = scratch("platform");
    const resources: Partial<Record<"python" | "go", ExportedResource[]>> = {};

    before(async () => {
        requireCli();
        for (const language of ["python", "go"] as const) {
            // Each language in its own `.ecs-fargate/`, so its own simulated cloud.
            const options = { projectDir: PROJECT_DIRS[language], stack: "platform", stateRoot: path.join(dir, language), stackFile: STACK_FILE };
            await runLocal("up", options);
            resources[language] = await exportResources(options);
        }
    });

    for (const language of ["python", "go"] as const) {
        it(`builds one of each service component from ${language}, with one load balancer and a rule per web service`, () => {
            const all = resources[language]!;
            const name = (r: ExportedResource) => r.urn.split("::").pop()!;
            const components = all.filter((r) => r.type.startsWith("ecs-fargate:index:")).map((r) => `${r.type.split(":")[2]} ${name(r)}`).sort();
            assert.deepStrictEqual(components, ["FargateCluster main", "LoadBalancer edge", "WebService api", "WebService www", "WorkerService worker"]);
            const of = (type: string) => all.filter((r) => r.type === type);
            assert.strictEqual(of("aws:lb/loadBalancer:LoadBalancer").length, 1);
            assert.deepStrictEqual(of("aws:lb/listenerRule:ListenerRule").map((r) => [name(r), r.inputs?.priority]).sort(), [["api-rule", 10], ["www-rule", 20]]);
            const api = of("aws:ecs/service:Service").find((r) => name(r) === "api");
            assert.ok(api, "no ECS service named api");
            assert.strictEqual((api.inputs?.deploymentConfiguration as { strategy?: string }).strategy, "BLUE_GREEN");
        });
    }

    it("records the same resources, inputs, outputs and dependency graph from Python and Go", () => {
        assert.deepStrictEqual(comparable(resources.go!), comparable(resources.python!));
    });
});

describe("the Go driver's choice of program", function () {
    this.timeout(120_000);

    it("refuses a Go project it has no program for, naming the project and the ones it runs", async () => {
        const dir = scratch("go-unknown");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: someone-elses\nruntime: go\n");
        const err = await runLocal("up", { projectDir: dir, stack: "dev", stateRoot: path.join(dir, ".ecs-fargate") }).then(() => undefined, (e) => e);
        assert.ok(err instanceof LocalRunError, `the up should fail: ${err}`);
        assert.strictEqual(err.exitCode, 2);
        assert.match(err.stderr, /no Go program for project "someone-elses": this driver runs ecs-fargate-demo, ecs-fargate-platform/);
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
