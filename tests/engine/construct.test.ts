/**
 * Every component with every argument through the component plugin's Construct, the path a Python or Go program
 * takes: tests/engine/fixtures/construct builds the instances of its args.ts as remote components (the engine
 * calls Construct on engine/bin/pulumi-resource-ecs-fargate) in one stack, and in-process in another, each in
 * its own `.ecs-fargate/`. Both must record the same resources, inputs, outputs and dependency graph, and each
 * component the same outputs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ExportedResource, exportResources, runLocal } from "../../engine/local";
import { FARGATE_CLUSTER_KEYS, KeyTable, LOAD_BALANCER_KEYS, REGISTRY_KEYS, WEB_SERVICE_KEYS, WORKER_SERVICE_KEYS } from "../../components/argKeys";
import { INSTANCES, Instance } from "./fixtures/construct/args";
import { keyPaths } from "../helpers";
import { REPO_ROOT, requireCli, scratch } from "./helpers";
import { comparable } from "./polyglot.helpers";

const PROJECT_DIR = path.join(REPO_ROOT, "tests", "engine", "fixtures", "construct");
const TABLES: Record<Instance["component"], KeyTable> = {
    Registry: REGISTRY_KEYS, FargateCluster: FARGATE_CLUSTER_KEYS, LoadBalancer: LOAD_BALANCER_KEYS, WebService: WEB_SERVICE_KEYS, WorkerService: WORKER_SERVICE_KEYS,
};

/** Keys no instance can set: a WorkerService only rolls (`deployment.strategy` `ROLLING`), so the others' keys are refused. */
const NOT_APPLICABLE: Record<string, string[]> = {
    WorkerService: ["deployment.bakeTimeMinutes", "deployment.canaryPercent", "deployment.linearStepPercent", "deployment.stepBakeTimeMinutes"],
};

/** The key paths `args` sets, as `keyPaths` names them. */
function setPaths(args: Record<string, unknown>, table: KeyTable, prefix = ""): string[] {
    return Object.entries(args).filter(([key, v]) => v !== undefined && key in table).flatMap(([key, v]) => {
        const arg = table[key];
        const here = `${prefix}${key}`;
        if (arg === "value") {
            return [here];
        }
        return "object" in arg
            ? [here, ...setPaths(v as Record<string, unknown>, arg.object, `${here}.`)]
            : [here, ...(v as Record<string, unknown>[]).flatMap((item) => setPaths(item, arg.listOf, `${here}.`))];
    });
}

describe("every component with every argument, through Construct and in-process, through the real engine", function () {
    this.timeout(300_000);
    const dir = scratch("construct");
    const recorded: Record<"remote" | "inProcess", ExportedResource[]> = { remote: [], inProcess: [] };

    before(async () => {
        requireCli();
        for (const mode of ["inProcess", "remote"] as const) {
            const stackFile = path.join(dir, `Pulumi.test.${mode}.yaml`);
            fs.writeFileSync(stackFile, `config:\n  ecs-fargate-construct:remote: "${mode === "remote"}"\n`);
            const options = { projectDir: PROJECT_DIR, stack: "test", stateRoot: path.join(dir, mode), stackFile };
            await runLocal("up", options);
            recorded[mode] = await exportResources(options);
        }
    });

    it("sets, over each component's instances, every key of its argument table", () => {
        for (const [component, table] of Object.entries(TABLES)) {
            const set = new Set(INSTANCES.filter((i) => i.component === component).flatMap((i) => setPaths(i.args, table)));
            const missing = keyPaths(table).filter((k) => !set.has(k) && !(NOT_APPLICABLE[component] ?? []).includes(k));
            assert.deepStrictEqual(missing, [], `${component}'s keys that no instance in fixtures/construct/args.ts sets`);
        }
    });

    it("builds each instance with children, through Construct", () => {
        const plugins = (rs: ExportedResource[]) => rs.filter((r) => r.type === "pulumi:providers:ecs-fargate").length;
        assert.deepStrictEqual([plugins(recorded.remote), plugins(recorded.inProcess)], [1, 0], "the remote stack, alone, used the component plugin");
        const components = recorded.remote.filter((r) => r.type.startsWith("ecs-fargate:index:"));
        assert.deepStrictEqual(components.map((r) => `${r.type.split(":")[2]} ${r.urn.split("::").pop()}`).sort(), INSTANCES.map((i) => `${i.component} ${i.name}`).sort());
        for (const c of components) {
            assert.ok(recorded.remote.some((r) => r.parent === c.urn), `${c.urn} has children`);
        }
    });

    it("records the same resources, inputs, outputs and dependency graph as in-process", () => {
        assert.deepStrictEqual(comparable(recorded.remote), comparable(recorded.inProcess));
    });

    it("answers each Construct with the outputs the in-process component registers", () => {
        const outputs = (rs: ExportedResource[]) => Object.fromEntries(rs.filter((r) => r.type.startsWith("ecs-fargate:index:")).map((r) => [r.urn, r.outputs]));
        assert.deepStrictEqual(outputs(recorded.remote), outputs(recorded.inProcess));
    });
});
