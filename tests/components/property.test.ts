import { strict as assert } from "assert";
import fc from "fast-check";
import { InvalidArgumentsError, WebService, WebServiceArgs } from "../../components";
import { setSimulatedMocks, settle } from "../../sim/mocks";

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
}) as unknown as fc.Arbitrary<WebServiceArgs>;

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
