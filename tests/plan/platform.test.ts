import { strict as assert } from "assert";
import * as path from "path";
import { estimateCost } from "../../plan/cost";
import { estimateDeployTime } from "../../plan/deployTime";
import { buildPlan } from "../../plan/plan";
import { loadStack, runStack } from "../../plan/stack";
import { RecordedResource } from "../../sim/types";

const PACKAGE_DIR = path.resolve(__dirname, "..", "..");

const PLATFORM = path.join(PACKAGE_DIR, "stacks", "platform");

function count(resources: RecordedResource[], type: string): number {
    return resources.filter((r) => r.type === type).length;
}

describe("the platform stack", function () {
    this.timeout(120_000);
    let resources: RecordedResource[];
    before(async () => {
        resources = (await runStack(loadStack(PLATFORM, "platform"))).resources;
    });

    it("builds one LoadBalancer, two WebServices behind it by host, one WorkerService and its queue", () => {
        const components = resources.filter((r) => !r.custom && r.type.startsWith("ecs-fargate:")).map((r) => `${r.type.split(":")[2]} ${r.name}`).sort();
        assert.deepEqual(components, ["FargateCluster main", "LoadBalancer edge", "WebService api", "WebService www", "WorkerService worker"]);
        assert.equal(count(resources, "aws:lb/loadBalancer:LoadBalancer"), 1);
        const rules = resources.filter((r) => r.type === "aws:lb/listenerRule:ListenerRule").map((r) => [r.name, r.inputs.priority, r.inputs.conditions]).sort();
        assert.deepEqual(rules, [["api-rule", 10, [{ hostHeader: { values: ["api.example.com"] } }]], ["www-rule", 20, [{ hostHeader: { values: ["www.example.com"] } }]]]);
        assert.equal(count(resources, "aws:sqs/queue:Queue"), 1);
    });

    it("joins the cluster's Service Connect namespace: api publishes, www and the worker call it, and api's group admits them on its port", () => {
        const service = (name: string) => resources.find((r) => r.type === "aws:ecs/service:Service" && r.name === name)!;
        assert.deepEqual((service("api").inputs.serviceConnectConfiguration as any).services[0].clientAlias, [{ port: 8080, dnsName: "api" }]);
        for (const client of ["www", "worker"]) {
            assert.deepEqual(service(client).inputs.serviceConnectConfiguration, { enabled: true });
        }
        const ingress = resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.name.startsWith("api-in-"));
        assert.deepEqual(ingress.map((r) => [r.name, r.inputs.fromPort, r.inputs.toPort]).sort(), [["api-in-worker", 8080, 8080], ["api-in-www", 8080, 8080]]);
    });

    it("prices the shared load balancer once, and one load balancer per web service costs its hours and addresses again", async () => {
        const shared = estimateCost(resources);
        const loaded = loadStack(PLATFORM, "platform");
        const key = "ecs-fargate-platform:platform";
        loaded.config[key] = JSON.stringify({ ...JSON.parse(loaded.config[key]), sharedLoadBalancer: false });
        const separateResources = (await runStack(loaded)).resources;
        const separate = estimateCost(separateResources);
        assert.equal(count(separateResources, "aws:lb/loadBalancer:LoadBalancer"), 2);
        const albLines = (report: typeof shared) => report.lines.filter((l) => /Load Balancer hours|load balancer node addresses/.test(l.item));
        assert.equal(albLines(shared).length, 2, "one ALB: its hours and its node addresses");
        const oneAlb = albLines(shared).reduce((sum, l) => sum + l.monthlyUsd, 0);
        assert.equal(Math.round(oneAlb * 100), 2373, "$16.43 of hours + $7.30 for two node addresses");
        assert.equal(Math.round((separate.totalMonthlyUsd - shared.totalMonthlyUsd) * 100), 2373);
        console.log(`      platform: $${shared.totalMonthlyUsd.toFixed(2)}/month with one shared ALB, $${separate.totalMonthlyUsd.toFixed(2)} with one ALB per web service`);
    });

    it("estimates api's blue/green deploy from its bake time, on top of one round of new tasks", () => {
        const updates = estimateDeployTime(resources).rollingUpdates;
        const api = updates.find((u) => u.name === "api")!;
        const www = updates.find((u) => u.name === "www")!;
        assert.deepEqual([api.strategy, api.trafficShiftS, api.batches, api.batchSize], ["BLUE_GREEN", 600, 1, 2]);
        assert.equal(api.rolloutLowS - www.rolloutLowS, 600, "the same round as www's, plus the 10-minute bake");
        assert.equal(www.strategy, "ROLLING");
    });

    it("plans with no mandatory policy violation", async () => {
        const { plan } = await buildPlan({ projectDir: PLATFORM, stack: "platform", policyConfig: path.join(PACKAGE_DIR, "policy", "config", "platform.json") });
        assert.equal(plan.policy.mandatory, 0, plan.policy.violations.map((v) => `${v.policy}: ${v.message}`).join("\n"));
    });
});
