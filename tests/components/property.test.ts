import { strict as assert } from "assert";
import fc from "fast-check";
import { FargateCluster, FargateClusterArgs, InvalidArgumentsError, Registry, RegistryArgs, WebService, WebServiceArgs, WorkerService, WorkerServiceArgs } from "../../components";
import { setSimulatedMocks, settle } from "../../sim/mocks";
import { quote } from "../../components/validate";
import { ruleViolations, schemaViolations, unmappedInputs } from "./cfnSchemas";

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/main";

/** Mostly valid values (or the default), now and then one past a boundary: both outcomes stay common. */
function mostly(valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    return fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        { weight: 6, arbitrary: valid },
        { weight: 1, arbitrary: invalid },
    );
}
const badInt = fc.constantFrom(-1, 0, 65536, 1.5, 100000);
/** The new shared options (container, sidecars, EFS, Service Connect, strategy settings), each mostly valid. */
const taskOptions = {
    command: mostly(fc.constant(["node", "server.js"]), fc.constant([])),
    entryPoint: mostly(fc.constant(["/sbin/tini", "--"]), fc.constant("sh")),
    containerHealthCheck: mostly(fc.record({
        command: fc.constant(["CMD-SHELL", "true"]),
        intervalSeconds: mostly(fc.integer({ min: 5, max: 300 }), fc.constantFrom(4, 301)),
        timeoutSeconds: mostly(fc.integer({ min: 2, max: 60 }), fc.constantFrom(1, 61)),
        retries: mostly(fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, 11)),
        startPeriodSeconds: mostly(fc.integer({ min: 0, max: 300 }), fc.constant(301)),
    }), fc.constant({ command: ["curl", "localhost"] })),
    stopTimeoutSeconds: mostly(fc.integer({ min: 2, max: 120 }), fc.constantFrom(1, 121)),
    ephemeralStorageGiB: mostly(fc.integer({ min: 21, max: 200 }), fc.constantFrom(20, 201)),
    sidecars: mostly(fc.constant([{ name: "agent", image: "datadog/agent:7", cpu: 64, memoryMiB: 128, ports: [8126] }]),
        fc.constantFrom([{ name: "app", image: "x" }], [{ name: "a", image: "x", cpu: 4096 }], [{ name: "a", image: "x" }, { name: "a", image: "y" }])),
    efsVolumes: mostly(fc.constant([{ fileSystemId: "fs-0123456789abcdef0", containerPath: "/data", accessPointId: "fsap-0123456789abcdef0" }]),
        fc.constantFrom([{ fileSystemId: "efs", containerPath: "/data" }], [{ fileSystemId: "fs-0123456789abcdef0", containerPath: "data" }])),
    serviceConnect: mostly(fc.constantFrom({}, { discoveryName: "api" }, { clientOnly: true }), fc.constant({ discoveryName: "-bad" })),
};
const argsArb = fc.record({
    clusterArn: fc.oneof({ weight: 30, arbitrary: fc.constant(CLUSTER) }, { weight: 1, arbitrary: fc.constantFrom("main", "") }),
    vpcId: fc.constant("vpc-1"),
    subnetIds: fc.oneof({ weight: 30, arbitrary: fc.constant(["subnet-a", "subnet-b"]) }, { weight: 1, arbitrary: fc.constant([]) }),
    loadBalancerSubnetIds: fc.oneof({ weight: 30, arbitrary: fc.constant(["subnet-c", "subnet-d"]) }, { weight: 1, arbitrary: fc.constant(["subnet-c"]) }),
    image: fc.oneof({ weight: 30, arbitrary: fc.constantFrom("nginx:1.27", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc") }, { weight: 1, arbitrary: fc.constant("") }),
    cpu: mostly(fc.constantFrom(256, 512), fc.constantFrom(300, 16384)),
    memory: mostly(fc.constantFrom(1024, 2048), fc.constantFrom(3000, 32768)),
    architecture: mostly(fc.constantFrom("X86_64", "ARM64"), fc.constant("ARM")),
    desiredCount: mostly(fc.integer({ min: 1, max: 3 }), badInt),
    containerPort: mostly(fc.integer({ min: 1, max: 65535 }), badInt),
    environment: mostly(fc.dictionary(fc.constantFrom("A", "B_1"), fc.string({ maxLength: 5 })), fc.constant({ "1X": "a" })),
    secrets: mostly(fc.constant({ TOKEN: "arn:aws:ssm:us-east-1:123456789012:parameter/x" }), fc.constant({ TOKEN: "plain" })),
    writablePaths: mostly(fc.constant(["/tmp", "/var/cache"]), fc.constantFrom(["tmp"], ["/"], ["/tmp", "/tmp"])),
    logRetentionDays: mostly(fc.constantFrom(0, 30, 365), fc.constantFrom(10, -1)),
    allowedCidrs: mostly(fc.constantFrom(["0.0.0.0/0"], ["10.0.0.0/8", "::/0"]), fc.constantFrom([], ["10.0.0.0"], ["300.1.1.1/8"])),
    certificateArn: mostly(fc.constant("arn:aws:acm:us-east-1:123456789012:certificate/x"), fc.constant("cert")),
    healthCheck: mostly(fc.record({
        path: mostly(fc.constantFrom("/", "/health"), fc.constantFrom("health", "/a b")),
        intervalSeconds: mostly(fc.integer({ min: 10, max: 300 }), badInt),
        timeoutSeconds: mostly(fc.integer({ min: 2, max: 9 }), badInt),
        matcher: mostly(fc.constantFrom("200", "200-299"), fc.constant("OK")),
    }), fc.constant({ intervalSeconds: 5, timeoutSeconds: 5 })),
    deployment: mostly(fc.record({
        minimumHealthyPercent: mostly(fc.integer({ min: 0, max: 100 }), badInt),
        maximumPercent: fc.constant(200),
    }), fc.constant({ minimumHealthyPercent: 100, maximumPercent: 100 })),
    autoscaling: mostly(fc.integer({ min: 1, max: 3 }).map((min) => ({
        minCapacity: min, maxCapacity: min + 3, cpuTargetPercent: 50,
        schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", minCapacity: min }],
    })), fc.constant({ minCapacity: 5, maxCapacity: 2 })),
    serviceName: mostly(fc.constantFrom("api", "web_1", "a".repeat(255)), fc.constantFrom("my api", "a".repeat(256))),
    family: mostly(fc.constantFrom("api-task", "F_1"), fc.constantFrom("", "api.task")),
    internal: mostly(fc.boolean(), fc.constant(true)),
    deregistrationDelaySeconds: mostly(fc.integer({ min: 0, max: 3600 }), fc.constantFrom(3601, -5)),
    healthCheckGracePeriodSeconds: mostly(fc.integer({ min: 0, max: 100000 }), fc.constant(-1)),
    capacity: mostly(fc.record({ onDemandBase: fc.integer({ min: 0, max: 100000 }), spotWeight: fc.integer({ min: 0, max: 1000 }) }), fc.constantFrom({ spotWeight: 1001 }, { onDemandBase: 100001 })),
    tags: mostly(fc.dictionary(fc.constantFrom("team", "Équipe", "cost:center", "a".repeat(128)), fc.constantFrom("", "web", "x/y=z@1", "v".repeat(256)), { maxKeys: 3, noNullPrototype: true }),
        fc.constantFrom({ "aws:team": "a" }, { team: "a#b" }, { ["k".repeat(129)]: "v" }, { team: "v".repeat(257) })),
    ...taskOptions,
    strategy: mostly(fc.constantFrom("BLUE_GREEN", "CANARY", "LINEAR"), fc.constant("RED_BLACK")),
    loadBalancer: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.record({
            listenerArn: fc.constant("arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/1/2"),
            securityGroupId: fc.constant("sg-shared"),
            arnSuffix: fc.constant("app/shared/1"),
            priority: mostly(fc.integer({ min: 1, max: 50000 }), fc.constantFrom(0, 50001)).map((p) => p ?? 100),
            hostHeaders: mostly(fc.constant(["api.example.com"]), fc.constant(["a b"])),
            pathPatterns: mostly(fc.constant(["/api/*"]), fc.constant(["/1", "/2", "/3", "/4", "/5"])),
        }) },
    ),
}).map(({ strategy, loadBalancer, ...rest }) => ({
    ...rest,
    ...(strategy !== undefined ? { deployment: { ...(rest.deployment as object ?? {}), strategy } } : {}),
    // Attached to a shared load balancer, the own load balancer's settings are left out (else nearly every run is rejected).
    ...(loadBalancer !== undefined ? { loadBalancer, loadBalancerSubnetIds: undefined, allowedCidrs: undefined, certificateArn: undefined } : {}),
})) as unknown as fc.Arbitrary<WebServiceArgs>;


const workerArgsArb = fc.record({
    clusterArn: fc.oneof({ weight: 30, arbitrary: fc.constant(CLUSTER) }, { weight: 1, arbitrary: fc.constantFrom("main", "") }),
    vpcId: fc.constant("vpc-1"),
    subnetIds: fc.oneof({ weight: 30, arbitrary: fc.constant(["subnet-a", "subnet-b"]) }, { weight: 1, arbitrary: fc.constant([]) }),
    image: fc.constant("nginx:1.27"),
    containerPort: mostly(fc.integer({ min: 1, max: 65535 }), badInt),
    ...taskOptions,
    deployment: mostly(fc.constant({ strategy: "ROLLING" }), fc.constant({ strategy: "BLUE_GREEN" })),
    autoscaling: mostly(fc.integer({ min: 1, max: 3 }).map((min) => ({ minCapacity: min, maxCapacity: min + 3, queueDepth: { queueName: "orders", messagesPerTask: 50 } })),
        fc.constantFrom({ minCapacity: 1, maxCapacity: 2, queueDepth: { queueName: "https://sqs/orders", messagesPerTask: 5 } }, { minCapacity: 1, maxCapacity: 2, queueDepth: { queueName: "q", messagesPerTask: 0 } })),
}) as unknown as fc.Arbitrary<WorkerServiceArgs>;

/** Component names: plain, at the limits of the names derived from them, and AWS's reserved prefixes. */
const nameArb = fc.constantFrom("web", "internal-api", "sg", "sg-web", "api.v2", "a".repeat(80), "Web_App", "my app", "web-漢字", "team/api:v2");

/** The value at an argument path such as `healthCheck.path`, `allowedCidrs[1]` or `tags.team`. */
function argumentAt(args: unknown, argPath: string): unknown {
    return argPath.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").reduce<unknown>(
        (v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), args);
}

/** Says what AWS (or the component) allows: a rule, a fix, or the nearest valid name. */
const SAYS_WHAT_IS_ALLOWED = /; (use|give|choose|shorten|keep|list|drop|did you mean|the minimum|an application load balancer needs|AWS allows|Fargate accepts)|must be (less than|above)|, or a deploy|cannot be combined/;

type Recorded = Awaited<ReturnType<typeof setSimulatedMocks>>;

/** A rejection as the package promises it: InvalidArgumentsError, each problem checked by `check`, nothing registered. */
async function assertRejectedBeforeAnything(error: unknown, recorder: Recorded, check: (problem: string, error: InvalidArgumentsError) => void): Promise<void> {
    assert.ok(error instanceof InvalidArgumentsError, `unexpected ${(error as Error).stack}`);
    for (const problem of error.problems) {
        check(problem, error);
        assert.match(problem, SAYS_WHAT_IS_ALLOWED, `says what is allowed: ${problem}`);
    }
    await settle();
    assert.deepEqual(recorder.resources.map((r) => r.urn), [], "not even the component is registered");
}

/** Accepted args produce only what AWS accepts: by its registry schemas, and by awsRules. */
function assertAwsAcceptsEveryValue(recorder: Recorded, what: string): void {
    assert.deepEqual(unmappedInputs(recorder.resources), [], "every input is mapped to CloudFormation");
    assert.deepEqual(schemaViolations(recorder.resources), [], `AWS's schemas accept every value${what}`);
    assert.deepEqual(ruleViolations(recorder.resources), [], `awsRules accepts every value${what}`);
}

describe("WebService under generated arguments", () => {
    it("either constructs, or is rejected with named-argument messages before any resource is registered", async () => {
        let constructed = 0;
        let rejected = 0;
        await fc.assert(fc.asyncProperty(nameArb, argsArb, async (name, args) => {
            const recorder = await setSimulatedMocks();
            try {
                new WebService(name, args);
            } catch (error) {
                await assertRejectedBeforeAnything(error, recorder, (problem, rejection) => {
                    assert.ok(rejection.problems.length > 0);
                    const named = /`([^`]+)`/.exec(problem);
                    assert.ok(named, `names an argument: ${problem}`);
                    const value = argumentAt(args, named[1]);
                    if (value !== undefined && typeof value !== "object" && !problem.startsWith("unknown argument")) {
                        assert.ok(problem.includes(typeof value === "string" ? quote(value) : String(value)), `quotes the value ${quote(value)}: ${problem}`);
                    }
                });
                rejected++;
                return;
            }
            await settle();
            assert.ok(recorder.ofType("aws:ecs/service:Service").length === 1);
            assertAwsAcceptsEveryValue(recorder, ` (component ${quote(name)})`);
            constructed++;
        }), { numRuns: 150, seed: 20261122 });
        assert.ok(constructed > 0 && rejected > 0, `both outcomes occur (constructed ${constructed}, rejected ${rejected})`);
    });
});

const clusterArb = fc.record({
    clusterName: mostly(fc.constantFrom("main", "web_prod-1", "c".repeat(255)), fc.constantFrom("my cluster", "c".repeat(256))),
    capacity: mostly(fc.record({ onDemandBase: fc.integer({ min: 0, max: 100000 }), onDemandWeight: fc.integer({ min: 1, max: 1000 }), spotWeight: fc.integer({ min: 0, max: 1000 }) }),
        fc.constantFrom({ onDemandWeight: 1001 }, { onDemandBase: -1 })),
    availabilityZones: mostly(fc.integer({ min: 2, max: 3 }), fc.constantFrom(1, 7)),
    natGateways: mostly(fc.constantFrom("None", "Single", "OnePerAz"), fc.constant("Two")),
    vpcEndpoints: mostly(fc.boolean(), fc.constant(true)),
    serviceConnectNamespace: mostly(fc.constantFrom("local", "svc.internal"), fc.constantFrom("arn:x", "a b")),
    tags: mostly(fc.dictionary(fc.constantFrom("team", "cost:center"), fc.constantFrom("", "web"), { maxKeys: 2, noNullPrototype: true }), fc.constant({ "aws:x": "y" })),
}) as unknown as fc.Arbitrary<FargateClusterArgs>;

const registryArb = fc.record({
    repositoryName: mostly(fc.constantFrom("app", "team/web-app", "a__b", "x".repeat(256)), fc.constantFrom("App", "a", "-a", "x".repeat(257))),
    imageTagMutability: mostly(fc.constantFrom("IMMUTABLE", "MUTABLE"), fc.constant("LOCKED")),
    lifecycle: mostly(fc.record({ maxTaggedImages: fc.integer({ min: 1, max: 100 }), untaggedExpiryDays: fc.integer({ min: 1, max: 30 }) }), fc.constant({ maxTaggedImages: 0 })),
    tags: mostly(fc.dictionary(fc.constantFrom("team", "Équipe"), fc.constantFrom("web", "x@y"), { maxKeys: 2, noNullPrototype: true }), fc.constantFrom({ team: "" }, { ["k".repeat(128)]: "v" })),
}) as unknown as fc.Arbitrary<RegistryArgs>;

describe("FargateCluster and Registry under generated arguments", () => {
    it("produce only values AWS's schemas and awsRules accept when they construct, and are rejected before registering anything otherwise", async () => {
        let constructed = 0;
        let rejected = 0;
        await fc.assert(fc.asyncProperty(nameArb, clusterArb, registryArb, async (name, clusterArgs, registryArgs) => {
            for (const build of [() => new FargateCluster(name, clusterArgs), () => new Registry(name, registryArgs)]) {
                const recorder = await setSimulatedMocks();
                try {
                    build();
                } catch (error) {
                    await assertRejectedBeforeAnything(error, recorder, (problem) => assert.match(problem, /`[^`]+`/, `names an argument: ${problem}`));
                    rejected++;
                    continue;
                }
                await settle();
                assertAwsAcceptsEveryValue(recorder, ` (component ${quote(name)})`);
                constructed++;
            }
        }), { numRuns: 40, seed: 20261201 });
        assert.ok(constructed > 0 && rejected > 0, `both outcomes occur (constructed ${constructed}, rejected ${rejected})`);
    });
});

describe("WorkerService under generated arguments", () => {
    it("either constructs with no ingress rule at all, or is rejected with named-argument messages before any resource is registered", async () => {
        let constructed = 0;
        let rejected = 0;
        await fc.assert(fc.asyncProperty(workerArgsArb, async (args) => {
            const recorder = await setSimulatedMocks();
            try {
                new WorkerService("jobs", args);
            } catch (error) {
                await assertRejectedBeforeAnything(error, recorder, (problem) => assert.match(problem, /`[A-Za-z0-9_.[\]]+`/, `names an argument: ${problem}`));
                rejected++;
                return;
            }
            await settle();
            assert.equal(recorder.ofType("aws:ecs/service:Service").length, 1);
            assert.deepEqual(recorder.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
            assertAwsAcceptsEveryValue(recorder, "");
            constructed++;
        }), { numRuns: 100, seed: 20261201 });
        assert.ok(constructed > 0 && rejected > 0, `both outcomes occur (constructed ${constructed}, rejected ${rejected})`);
    });
});
