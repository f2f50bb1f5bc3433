import { strict as assert } from "assert";
import fc from "fast-check";
import { InvalidArgumentsError, WebService, WebServiceArgs, WorkerService, WorkerServiceArgs } from "../../components";
import { setSimulatedMocks, settle } from "../../harness/mocks";

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
    autoscaling: mostly(fc.integer({ min: 1, max: 3 }).map((min) => ({ minCapacity: min, maxCapacity: min + 3, cpuTargetPercent: 50 })), fc.constant({ minCapacity: 5, maxCapacity: 2 })),
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

describe("WebService under generated arguments", () => {
    it("either constructs, or is rejected with named-argument messages before any resource is registered", async () => {
        let constructed = 0;
        let rejected = 0;
        await fc.assert(fc.asyncProperty(argsArb, async (args) => {
            const recorder = await setSimulatedMocks();
            try {
                new WebService("web", args);
            } catch (error) {
                assert.ok(error instanceof InvalidArgumentsError, `unexpected ${(error as Error).stack}`);
                assert.ok(error.problems.length > 0);
                for (const problem of error.problems) {
                    assert.match(problem, /`[A-Za-z0-9_.[\]]+`/, `names an argument: ${problem}`);
                }
                await settle();
                assert.deepEqual(recorder.resources.map((r) => r.urn), [], "not even the component is registered");
                rejected++;
                return;
            }
            await settle();
            assert.ok(recorder.ofType("aws:ecs/service:Service").length === 1);
            constructed++;
        }), { numRuns: 150, seed: 20261122 });
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
                assert.ok(error instanceof InvalidArgumentsError, `unexpected ${(error as Error).stack}`);
                for (const problem of error.problems) {
                    assert.match(problem, /`[A-Za-z0-9_.[\]]+`/, `names an argument: ${problem}`);
                }
                await settle();
                assert.deepEqual(recorder.resources.map((r) => r.urn), [], "not even the component is registered");
                rejected++;
                return;
            }
            await settle();
            assert.equal(recorder.ofType("aws:ecs/service:Service").length, 1);
            assert.deepEqual(recorder.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
            constructed++;
        }), { numRuns: 100, seed: 20261201 });
        assert.ok(constructed > 0 && rejected > 0, `both outcomes occur (constructed ${constructed}, rejected ${rejected})`);
    });
});
