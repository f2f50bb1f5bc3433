import * as assert from "assert";
import { estimateDeployTime, rollingUpdateOf } from "../../plan/deployTime";
import { TIMINGS } from "../../plan/timings";
import { ResourceGraph } from "../../plan/values";
import { FixtureStack, webStack } from "./fixtures/resources";

function rolling(opts: Parameters<typeof webStack>[0]) {
    const { fx, named } = webStack(opts);
    return rollingUpdateOf(new ResourceGraph(fx.resources), named.service);
}

describe("plan deploy time: the timing table", () => {
    it("takes its ranges from FACTS.md's rows", () => {
        assert.deepStrictEqual([TIMINGS.alb.lowS, TIMINGS.alb.highS], [135, 187]);
        assert.deepStrictEqual([TIMINGS.nat.lowS, TIMINGS.nat.highS], [85, 125]);
        assert.deepStrictEqual([TIMINGS.controlPlane.lowS, TIMINGS.controlPlane.highS], [1, 13]);
        assert.deepStrictEqual([TIMINGS.iamPropagation.lowS, TIMINGS.iamPropagation.highS], [2, 30]);
        assert.deepStrictEqual([TIMINGS.taskStart.lowS, TIMINGS.taskStart.highS], [30, 60]);
        for (const [key, t] of Object.entries(TIMINGS)) {
            assert.ok(t.source.length > 0, `${key} has no source`);
        }
    });
});

describe("plan deploy time: a fresh pulumi up", () => {
    it("follows VPC → subnet → ALB → listener → service, the service waiting for its first healthy task", () => {
        const { fx } = webStack({ desiredCount: 1, waitForSteadyState: true, healthCheck: { path: "/", interval: 10, healthyThreshold: 2 } });
        const fresh = estimateDeployTime(fx.resources).fresh;
        // low: 1 + 1 + 135 + 1 + (1 + 30 + 1 × 10) = 179; high: 13 + 13 + 187 + 13 + (13 + 60 + 2 × 10) = 319
        assert.deepStrictEqual([fresh.lowS, fresh.highS], [179, 319]);
        assert.deepStrictEqual(fresh.criticalPathHigh.map((s) => [s.name, s.durationS]), [
            ["main-vpc", 13], ["main-public-1", 13], ["web-alb", 187], ["web-http", 13], ["web", 93],
        ]);
        assert.strictEqual(fresh.criticalPathHigh[4].timing, "assumedControlPlane+taskStart+healthCheck");
    });

    it("does not wait for tasks when waitForSteadyState is off", () => {
        const { fx } = webStack({ desiredCount: 1, waitForSteadyState: false });
        const fresh = estimateDeployTime(fx.resources).fresh;
        // low: 1 + 1 + 135 + 1 + 1 = 139; high: 13 + 13 + 187 + 13 + 13 = 239
        assert.deepStrictEqual([fresh.lowS, fresh.highS], [139, 239]);
    });

    it("waits for every resource inside a component another resource depends on", () => {
        const fx = new FixtureStack();
        const network = fx.component("test:index:Network", "net");
        fx.add("aws:ec2/natGateway:NatGateway", "nat", {}, { parent: network });
        fx.add("aws:ecs/cluster:Cluster", "after-network", {}, { dependsOn: [network] });
        const fresh = estimateDeployTime(fx.resources).fresh;
        // NAT 85–125 s, then the cluster 1–13 s
        assert.deepStrictEqual([fresh.lowS, fresh.highS], [86, 138]);
        assert.deepStrictEqual(fresh.criticalPathLow.map((s) => s.name), ["nat", "after-network"]);
    });

    it("creates a child after its custom parent", () => {
        const fx = new FixtureStack();
        const nat = fx.add("aws:ec2/natGateway:NatGateway", "nat", {});
        fx.add("aws:ec2/route:Route", "route", {}, { parent: nat });
        assert.deepStrictEqual(estimateDeployTime(fx.resources).fresh.highS, 125 + 13);
    });

    it("adds the time until ECS can use a new IAM role", () => {
        const fx = new FixtureStack();
        fx.add("aws:iam/role:Role", "role", {});
        const fresh = estimateDeployTime(fx.resources).fresh;
        assert.deepStrictEqual([fresh.lowS, fresh.highS], [1 + 2, 13 + 30]);
    });

    it("counts components and the stack as instant", () => {
        const fx = new FixtureStack();
        fx.component("test:index:Empty", "empty");
        assert.deepStrictEqual(estimateDeployTime(fx.resources).fresh.highS, 0);
    });
});

describe("plan deploy time: rolling updates", () => {
    it("falls back to AWS's defaults: 6 to 8 minutes, mostly the 300 s deregistration delay", () => {
        const u = rolling({ desiredCount: 1 });
        // low: start 30 + one 30 s check + drain 300 + stop 0 = 360; high: 60 + 3 × 30 + 300 + 30 = 480
        assert.deepStrictEqual([u.rolloutLowS, u.rolloutHighS], [360, 480]);
        assert.deepStrictEqual(Object.values(u.settings).map((s) => s.from), ["default", "default", "stack", "default", "default", "default", "default", "default"]);
    });

    it("returns from pulumi up before the rollout when waitForSteadyState is off, and says so", () => {
        const u = rolling({ desiredCount: 1 });
        // new task definition revision (1–13 s) + service update call (1–13 s)
        assert.deepStrictEqual([u.pulumiUpLowS, u.pulumiUpHighS], [2, 26]);
        assert.ok(u.notes.some((n) => n.startsWith("waitForSteadyState is off")));
    });

    it("takes about a minute with short checks, a short drain and waitForSteadyState", () => {
        const u = rolling({ desiredCount: 2, waitForSteadyState: true, healthCheck: { interval: 10, healthyThreshold: 2 }, deregistrationDelay: 15, stopTimeout: 10 });
        // one round of 2 (max 200%): low 30 + 10 + 15 + 0 = 55; high 60 + 20 + 15 + 10 = 105
        assert.deepStrictEqual([u.batches, u.batchSize, u.rolloutLowS, u.rolloutHighS], [1, 2, 55, 105]);
        assert.deepStrictEqual([u.pulumiUpLowS, u.pulumiUpHighS], [2 + 55, 26 + 105]);
        assert.deepStrictEqual(u.settings.stopTimeoutSeconds, { value: 10, from: "stack" });
    });

    it("replaces tasks in rounds when the maximum percent leaves room for only some", () => {
        const { fx, named } = webStack({ desiredCount: 4, deregistrationDelay: 5, healthCheck: { interval: 5, healthyThreshold: 2 } });
        named.service.inputs.deploymentMaximumPercent = 150;
        const u = rollingUpdateOf(new ResourceGraph(fx.resources), named.service);
        // 150% of 4 = 6: two extra tasks a round, two rounds; a round is 30 + 5 + 5 + 0 = 40 to 60 + 10 + 5 + 30 = 105
        assert.deepStrictEqual([u.batchSize, u.batches, u.rolloutLowS, u.rolloutHighS], [2, 2, 80, 210]);
    });

    it("warns when the percentages leave no room to replace a task", () => {
        const { fx, named } = webStack({ desiredCount: 2 });
        named.service.inputs.deploymentMaximumPercent = 100;
        const u = rollingUpdateOf(new ResourceGraph(fx.resources), named.service);
        assert.ok(u.notes.some((n) => n.includes("ECS cannot make progress")));
        assert.strictEqual(u.batches, 2);
    });

    it("has no health-check or drain time without a load balancer", () => {
        const { fx, named } = webStack({ desiredCount: 1 });
        delete named.service.inputs.loadBalancers;
        delete named.service.propertyDependencies.loadBalancers;
        const u = rollingUpdateOf(new ResourceGraph(fx.resources), named.service);
        assert.deepStrictEqual([u.behindLoadBalancer, u.rolloutLowS, u.rolloutHighS], [false, 30, 60 + 30]);
    });

    it("notes that a grace period does not delay a healthy task", () => {
        const u = rolling({ desiredCount: 1 });
        assert.ok(u.notes.some((n) => n.startsWith("the 30 s grace period does not delay")));
    });
});
