import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FargateCluster, InvalidArgumentsError, Registry, RegistryArgs, WebService, WebServiceArgs } from "../../components";
import {
    FARGATE_CLUSTER_KEYS, LOAD_BALANCER_KEYS, nearestName, REGISTRY_KEYS, unknownArguments, WEB_SERVICE_KEYS, WORKER_SERVICE_KEYS,
} from "../../components/argKeys";
import { validateFargateClusterArgs } from "../../components/clusterBuilders";
import { validateRegistryArgs } from "../../components/registryBuilders";
import { validateWebServiceArgs } from "../../components/webServiceValidation";
import { EXIT } from "../../cli/args";
import { runPlan } from "../../cli/plan";
import * as pulumi from "@pulumi/pulumi";
import { constructionError, keyPaths, record, REQUIRED_WEB_SERVICE_ARGS } from "../helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const REQUIRED: WebServiceArgs = REQUIRED_WEB_SERVICE_ARGS;

/** The problems of `args` that are about unknown keys. */
function unknownKeyProblems(problems: (string | undefined)[]): string[] {
    return problems.filter((p): p is string => p !== undefined && p.startsWith("unknown argument"));
}

/** A misspelt arg, as JavaScript, YAML config or an `any` would deliver it: no compiler in between. */
function withTypos<T>(args: T, extra: Record<string, unknown>): T {
    return { ...args, ...extra } as T;
}

describe("unknown argument names", () => {
    it("rejects a misspelt WebService argument with the nearest valid name, before registering anything", async () => {
        const { error, recorder } = await constructionError(() => new WebService("web", withTypos(REQUIRED, { cpuu: 512 })));
        assert.ok(error instanceof InvalidArgumentsError);
        assert.deepEqual(error.problems, ["unknown argument `cpuu` for WebService; did you mean `cpu`?"]);
        assert.deepEqual(recorder.resources, []);
    });

    it("names the path of a misspelt nested key, in every nested object of a WebService", () => {
        const args = withTypos(REQUIRED, {
            healthCheck: { intervalSecond: 30, path: "/health" },
            deployment: { maximumPrecent: 200 },
            capacity: { spotweight: 1 },
            autoscaling: {
                minCapacity: 1, maxCapacity: 3,
                scaleInCooldown: 60,
                schedules: [{ name: "a", schedule: "rate(1 day)", minCapacity: 1 }, { name: "b", schedule: "rate(1 day)", minCapcity: 2, maxCapacity: 2 }],
            },
        });
        assert.deepEqual(unknownKeyProblems(validateWebServiceArgs(args)), [
            "unknown argument `healthCheck.intervalSecond` for WebService; did you mean `healthCheck.intervalSeconds`?",
            "unknown argument `deployment.maximumPrecent` for WebService; did you mean `deployment.maximumPercent`?",
            "unknown argument `capacity.spotweight` for WebService; did you mean `capacity.spotWeight`?",
            "unknown argument `autoscaling.scaleInCooldown` for WebService; did you mean `autoscaling.scaleInCooldownSeconds`?",
            "unknown argument `autoscaling.schedules[1].minCapcity` for WebService; did you mean `autoscaling.schedules[1].minCapacity`?",
        ]);
    });

    it("rejects misspelt Registry keys at the top level, in `lifecycle` and in `build`", () => {
        const args = withTypos<RegistryArgs>({}, {
            repositoryname: "app",
            lifecycle: { maxTagedImages: 5 },
            build: { context: ROOT, dockerFile: "Dockerfile" },
        });
        assert.deepEqual(unknownKeyProblems(validateRegistryArgs(args)), [
            "unknown argument `repositoryname` for Registry; did you mean `repositoryName`?",
            "unknown argument `lifecycle.maxTagedImages` for Registry; did you mean `lifecycle.maxTaggedImages`?",
            "unknown argument `build.dockerFile` for Registry; did you mean `build.dockerfile`?",
        ]);
    });

    it("rejects misspelt FargateCluster keys, and lists the valid names when none is near", () => {
        const problems = unknownKeyProblems(validateFargateClusterArgs(withTypos({}, { natGateway: "None", capacity: { fargate: 1 } })));
        assert.deepEqual(problems, [
            "unknown argument `natGateway` for FargateCluster; did you mean `natGateways`?",
            "unknown argument `capacity.fargate` for FargateCluster; use one of `capacity.onDemandBase`, `capacity.onDemandWeight`, `capacity.spotWeight`.",
        ]);
    });

    it("rejects an unknown key whatever its value, `undefined` included", () => {
        assert.deepEqual(unknownArguments("WebService", WEB_SERVICE_KEYS, { ...REQUIRED, memroy: undefined }),
            ["unknown argument `memroy` for WebService; did you mean `memory`?"]);
    });

    it("accepts every valid key, free-form maps (`tags`, `environment`, `build.args`) with any keys, and looks not into unknown values", () => {
        assert.deepEqual(unknownArguments("WebService", WEB_SERVICE_KEYS, {
            ...REQUIRED, tags: { "team-name": "a" }, environment: { ANY_NAME: "x" },
            healthCheck: pulumi.output({ whatever: 1 }),
        }), []);
        assert.deepEqual(unknownArguments("Registry", REGISTRY_KEYS, { build: { context: ".", args: { NODE_ENV: "production" } } }), []);
    });

    it("suggests a name only when it is near: a case or `_` difference, or a third of the name's length in edits", () => {
        const names = Object.keys(WEB_SERVICE_KEYS);
        assert.equal(nearestName("CPU", names), "cpu");
        assert.equal(nearestName("desired_count", names), "desiredCount");
        assert.equal(nearestName("contianerPort", names), "containerPort");
        assert.equal(nearestName("size", names), undefined);
    });

    it("rejects a JavaScript caller's typo, which no compiler checked", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const caller = require("./fixtures/jsCaller.js") as { webServiceWithTypo(): unknown };
        const { error, recorder } = await constructionError(() => caller.webServiceWithTypo());
        assert.ok(error instanceof InvalidArgumentsError);
        assert.deepEqual(error.problems, [
            "unknown argument `cpuu` for WebService; did you mean `cpu`?",
            "unknown argument `healthCheck.intervalSecond` for WebService; did you mean `healthCheck.intervalSeconds`?",
        ]);
        assert.deepEqual(recorder.resources, []);
    });

    it("still builds components from every valid key", async () => {
        const rec = await record(() => {
            new Registry("app", { lifecycle: { maxTaggedImages: 3, tagPrefixes: ["v"], untaggedExpiryDays: 2 } });
            new FargateCluster("main", { capacity: { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 } });
        });
        assert.equal(rec.ofType("aws:ecs/cluster:Cluster").length, 1);
        assert.equal(rec.ofType("aws:ecr/repository:Repository").length, 1);
    });

    it("rejects `cpuu: 512` under the demo stack's `ecs-fargate-demo:service`: the plan exits 2 with the message", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-typo-"));
        let stderr = "";
        const code = await runPlan(["--cwd", path.join(__dirname, "fixtures", "typo"), "--stack", "cpuu", "--quiet", "--out", out,
            "--policy-config", path.join(ROOT, "policy", "config", "dev.json")], { out: () => undefined, err: (s: string) => (stderr += s) });
        fs.rmSync(out, { recursive: true, force: true });
        assert.equal(code, EXIT.cannotPlan, stderr);
        assert.ok(stderr.includes("unknown argument `cpuu` for WebService; did you mean `cpu`?"), stderr);
    });
});

describe("the argument-name tables", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));

    /** The schema's input paths, nested objects and lists of objects followed through their `$ref`. */
    function schemaPaths(properties: Record<string, any>, prefix: string): string[] {
        return Object.entries(properties).flatMap(([key, prop]) => {
            const ref: string | undefined = prop.$ref ?? prop.items?.$ref;
            const type = ref ? schema.types[ref.replace("#/types/", "")] : undefined;
            return [`${prefix}${key}`, ...(type?.type === "object" ? schemaPaths(type.properties, `${prefix}${key}.`) : [])];
        });
    }

    const tables = [
        ["Registry", REGISTRY_KEYS], ["FargateCluster", FARGATE_CLUSTER_KEYS], ["LoadBalancer", LOAD_BALANCER_KEYS],
        ["WebService", WEB_SERVICE_KEYS], ["WorkerService", WORKER_SERVICE_KEYS],
    ] as const;
    for (const [component, table] of tables) {
        it(`names for ${component} exactly the inputs of schema.json, at every level`, () => {
            const inputs = schema.resources[`ecs-fargate:index:${component}`].inputProperties;
            assert.deepEqual(keyPaths(table).sort(), schemaPaths(inputs, "").sort());
        });
    }
});
