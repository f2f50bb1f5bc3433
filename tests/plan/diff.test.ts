import * as assert from "assert";
import { PlanDiff, planDiff } from "../../plan/diffPlan";
import { ChangeStackOptions, changeStack, KMS_KEY } from "./diffFixtures";

const SIDE = { label: "base", project: "shop", stack: "dev" };

function diffOf(base: ChangeStackOptions, head: ChangeStackOptions): PlanDiff {
    return planDiff(changeStack(base).resources, changeStack(head).resources, { base: SIDE, head: { ...SIDE, label: "head" } });
}

/** The changes as `kind name: changed [forcing] {computedFrom}` words. */
function changes(d: PlanDiff): string[] {
    return d.changes.map((c) => {
        const forcing = c.forcing.length > 0 ? ` [${c.forcing.join(",")}]` : "";
        const from = Object.keys(c.computedFrom).length > 0 ? ` {${Object.entries(c.computedFrom).map(([k, v]) => `${k}<-${v}`).join(",")}}` : "";
        return `${c.kind} ${c.name}${c.changed.length > 0 ? `: ${c.changed.join(",")}` : ""}${forcing}${from}`;
    });
}

function flags(d: PlanDiff): string[] {
    return d.risks.map((r) => `${r.kind} ${r.resource}`);
}

function rollout(d: PlanDiff): { pulumiUp: [number, number]; total: [number, number] } {
    return { pulumiUp: [d.rollout.pulumiUpLowS, d.rollout.pulumiUpHighS], total: [d.rollout.totalLowS, d.rollout.totalHighS] };
}

describe("plan of a change", () => {
    it("no change: nothing to do, nothing flagged, no cost and no time", () => {
        const d = diffOf({}, {});
        assert.deepStrictEqual(changes(d), []);
        assert.deepStrictEqual(flags(d), []);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 0);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [0, 0], total: [0, 0] });
        assert.strictEqual(d.verdict, "no changes, +$0.00/month");
    });

    it("a new NAT gateway: two creates, +$36.50 a month (NAT hours and its Elastic IP), 86–138 s", () => {
        const d = diffOf({}, { natGateways: 1 });
        assert.deepStrictEqual(changes(d), ["create main-nat-1-eip", "create main-nat-1"]);
        assert.deepStrictEqual(flags(d), []);
        // 0.045 $/h × 730 h = 32.85; one public IPv4 0.005 $/h × 730 h = 3.65.
        assert.deepStrictEqual(d.cost.lines.map((l) => [l.name, l.deltaMonthlyUsd]), [["main-nat-1-eip", 3.65], ["main-nat-1", 32.85]]);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 36.5);
        assert.deepStrictEqual(d.cost.usageAdded, ["main-nat-1: NAT gateway data processed"]);
        // EIP (API band 1–13 s), then the NAT gateway (85–125 s); nothing rolls.
        assert.deepStrictEqual(d.rollout.criticalPath, ["main-nat-1-eip", "main-nat-1"]);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [86, 138], total: [86, 138] });
        assert.strictEqual(d.verdict, "+$36.50/month, no replacements, rollout ≈ 3 min");
    });

    it("an image change: the image updates, a new task definition revision, one rolling round of both tasks", () => {
        const d = diffOf({}, { imageTag: "v2" });
        assert.deepStrictEqual(changes(d), [
            "update app-image: imageName",
            "replace web-task: containerDefinitions [containerDefinitions]",
            "update web: taskDefinition {taskDefinition<-web-task}",
        ]);
        assert.deepStrictEqual(flags(d), []);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 0);
        const [s] = d.rollout.services;
        assert.deepStrictEqual([s.name, s.kind, s.rounds, s.tasksPerRound], ["web", "rolling", 1, 2]);
        // One round: task start 30–60 + health 10×1–10×2 + drain 30 + stop 0–10 = 70–120 s, after the revision (1–13)
        // and the service update (1–13); pulumi up also deregisters the old revision (1–13) at the end.
        assert.deepStrictEqual([s.lowS, s.highS, s.startLowS, s.startHighS], [70, 120, 2, 26]);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [3, 39], total: [72, 146] });
        assert.strictEqual(d.verdict, "+$0.00/month, replaces web-task, rollout ≈ 3 min");
    });

    it("a renamed target group: replaced (create, then delete), the listener and the service follow in place", () => {
        const d = diffOf({}, { targetGroupName: "web-tg-http-9090" });
        assert.deepStrictEqual(changes(d), [
            "replace web-tg: name [name]",
            "update web-http: defaultActions {defaultActions<-web-tg}",
            "update web: loadBalancers {loadBalancers<-web-tg}",
        ]);
        assert.strictEqual(d.changes[0].deleteBeforeReplace, false);
        assert.deepStrictEqual(flags(d), []);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 0);
        // New target group 1–13, listener 1–13, service 1–13 (it waits for the listener), old group deleted 1–13;
        // the new load balancer attachment rolls the service (70–120 s).
        assert.deepStrictEqual(d.rollout.criticalPath, ["web-tg", "web-http", "web"]);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [4, 52], total: [73, 159] });
        assert.strictEqual(d.verdict, "+$0.00/month, replaces web-tg, rollout ≈ 3 min");
    });

    it("kmsKeyArn added to a Registry: the repository is replaced under its name, deleted first, with a data flag", () => {
        const d = diffOf({}, { kmsKeyArn: KMS_KEY });
        assert.deepStrictEqual(changes(d), ["replace app: encryptionConfigurations [encryptionConfigurations]"]);
        assert.strictEqual(d.changes[0].deleteBeforeReplace, true);
        assert.deepStrictEqual(flags(d), ["data-loss app"]);
        assert.match(d.risks[0].reason, /the images in the repository go with the old one\. The old one is deleted first \(same name\)\./);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 0);
        // Delete (1–13) then create (1–13); the repository URL stays, so nothing downstream changes.
        assert.deepStrictEqual(rollout(d), { pulumiUp: [2, 26], total: [2, 26] });
        assert.strictEqual(d.verdict, "+$0.00/month, replaces app, rollout ≈ 26 s, 1 risk flag");
    });

    it("opening allowedCidrs to 0.0.0.0/0: the ingress rule changes in place and is flagged", () => {
        const d = diffOf({}, { allowedCidrs: ["0.0.0.0/0"] });
        assert.deepStrictEqual(changes(d), ["update web-lb-in-80-1: cidrIpv4"]);
        assert.deepStrictEqual(d.risks, [{
            kind: "open-to-internet", urn: d.changes[0].urn, resource: "web-lb-in-80-1",
            reason: "opens tcp port 80 from 0.0.0.0/0: anyone on the internet can connect.",
        }]);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 0);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [1, 13], total: [1, 13] });
    });

    it("a second CIDR that is ::/0-free and private adds a rule without a flag", () => {
        const d = diffOf({}, { allowedCidrs: ["10.0.0.0/8", "192.168.0.0/16"] });
        assert.deepStrictEqual(changes(d), ["create web-lb-in-80-2"]);
        assert.deepStrictEqual(flags(d), []);
    });

    it("a capacity change from 2 to 4 tasks: +$21.72 a month, the service scales out in one step", () => {
        const d = diffOf({}, { desiredCount: 4 });
        assert.deepStrictEqual(changes(d), ["update web: desiredCount"]);
        assert.deepStrictEqual(flags(d), []);
        // Two more ARM tasks of 0.25 vCPU + 0.5 GB: 2 × (0.25 × 0.03238 + 0.5 × 0.00356) × 730 = 14.42, and two more
        // task public IPv4 addresses: 2 × 0.005 × 730 = 7.30.
        assert.deepStrictEqual(d.cost.lines.map((l) => [l.name, l.beforeMonthlyUsd, l.afterMonthlyUsd]), [["web", 21.72, 43.44]]);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 21.72);
        const [s] = d.rollout.services;
        assert.deepStrictEqual([s.kind, s.rounds, s.tasksPerRound, s.lowS, s.highS], ["scale", 1, 2, 40, 80]);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [1, 13], total: [41, 93] });
        assert.strictEqual(d.verdict, "+$21.72/month, no replacements, rollout ≈ 2 min");
    });

    it("a capacity cut below what minimumHealthyPercent keeps today is flagged", () => {
        const d = diffOf({ desiredCount: 4 }, { desiredCount: 1 });
        assert.deepStrictEqual(flags(d), ["capacity-drops web"]);
        assert.strictEqual(d.risks[0].reason, "desiredCount drops from 4 to 1, below the 4 tasks its minimumHealthyPercent (100%) keeps running today.");
        assert.strictEqual(d.cost.deltaMonthlyUsd, -32.58);
        const [s] = d.rollout.services;
        // Scale-in: the stopped tasks drain (30 s) and stop (0–10 s).
        assert.deepStrictEqual([s.kind, s.lowS, s.highS], ["scale", 30, 40]);
    });

    it("a rollout with minimumHealthyPercent 50 lets half the tasks go: flagged with the floor", () => {
        const d = diffOf({ minimumHealthyPercent: 50 }, { minimumHealthyPercent: 50, imageTag: "v2" });
        assert.deepStrictEqual(d.risks.map((r) => r.reason), ["the rollout may stop old tasks before new ones are healthy: with minimumHealthyPercent 50%, only 1 of 2 tasks must stay healthy."]);
    });

    it("a blue/green service's image change: the green set starts, bakes 5 min, then the blue set drains", () => {
        const d = diffOf({ blueGreenBakeMinutes: "5" }, { blueGreenBakeMinutes: "5", imageTag: "v2" });
        assert.deepStrictEqual(changes(d), [
            "update app-image: imageName",
            "replace web-task: containerDefinitions [containerDefinitions]",
            "update web: taskDefinition {taskDefinition<-web-task}",
        ]);
        assert.deepStrictEqual(flags(d), []);
        const [s] = d.rollout.services;
        assert.deepStrictEqual([s.kind, s.rounds, s.tasksPerRound], ["blue-green", 1, 2]);
        assert.deepStrictEqual(s.steps, { taskStart: [30, 60], healthy: [10, 20], bake: [300, 300], deregistration: [30, 30], stop: [0, 10] });
        assert.deepStrictEqual([s.lowS, s.highS], [370, 420]);
        assert.deepStrictEqual(rollout(d), { pulumiUp: [3, 39], total: [372, 446] });
        assert.strictEqual(d.verdict, "+$0.00/month, replaces web-task, rollout ≈ 8 min");
    });

    it("an IAM statement that grows is flagged with the new grant; one that shrinks is not", () => {
        const grown = diffOf({}, { execPolicyActions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage"] });
        assert.deepStrictEqual(changes(grown), ["update web-exec-policy: policy"]);
        assert.deepStrictEqual(flags(grown), ["iam-grows web-exec-policy"]);
        assert.strictEqual(grown.risks[0].reason, "grants more than before: Allow ecr:PutImage on arn:aws:ecr:us-east-1:123456789012:repository/app.");
        const shrunk = diffOf({}, { execPolicyActions: ["ecr:BatchGetImage"] });
        assert.deepStrictEqual(flags(shrunk), []);
    });

    it("a replaced load balancer is flagged for its new DNS name, and its listener is replaced with it", () => {
        const base = changeStack({});
        const head = changeStack({});
        const alb = head.resources.find((r) => r.name === "web-alb")!;
        alb.inputs = { ...alb.inputs, internal: true };
        const d = planDiff(base.resources, head.resources, { base: SIDE, head: SIDE });
        assert.deepStrictEqual(changes(d), ["replace web-alb: internal [internal]", "replace web-http: loadBalancerArn [loadBalancerArn] {loadBalancerArn<-web-alb}"]);
        assert.deepStrictEqual(flags(d), ["dns-name-changes web-alb"]);
        // Same name: the old load balancer is deleted (1–13 s) before the new one is created (135–187 s); then the new
        // listener (1–13 s), and at the end the old listener is deleted (1–13 s).
        assert.strictEqual(d.changes[0].deleteBeforeReplace, true);
        assert.deepStrictEqual(rollout(d).pulumiUp, [1 + 135 + 1 + 1, 13 + 187 + 13 + 13]);
    });

    it("a replaced service (new cluster) is flagged for downtime", () => {
        const base = changeStack({});
        const head = changeStack({});
        const svc = head.resources.find((r) => r.type === "aws:ecs/service:Service")!;
        svc.inputs = { ...svc.inputs, cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/other" };
        const d = planDiff(base.resources, head.resources, { base: SIDE, head: SIDE });
        assert.deepStrictEqual(changes(d), ["replace web: cluster [cluster]"]);
        assert.deepStrictEqual(flags(d), ["downtime web"]);
        assert.match(d.risks[0].reason, /old service is deleted first, so no task serves/);
    });

    it("a Spot share added to a service's own strategy replaces the service (downtime) unless forceNewDeployment is on", () => {
        const onDemand = [{ capacityProvider: "FARGATE", base: 1, weight: 1 }];
        const withSpot = [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 1 }];
        const replaced = diffOf({ serviceStrategy: onDemand }, { serviceStrategy: withSpot });
        assert.deepStrictEqual(changes(replaced), ["replace web: capacityProviderStrategies [capacityProviderStrategies]"]);
        assert.deepStrictEqual(flags(replaced), ["downtime web"]);
        // 2 tasks: 1 on-demand base, the other split 1:1, so half a task moves to Spot at 0.33 × its price:
        // 0.5 × (0.25 × 0.03238 + 0.5 × 0.00356) × 730 × (1 − 0.33) = 2.42 less.
        assert.strictEqual(replaced.cost.deltaMonthlyUsd, -2.42);
        // Delete first (same name): API 1–13 + drain 30 + stop 0–10; then create 1–13; no wait for steady state, so
        // the first tasks start after pulumi up: 30–60 + health check 10–20.
        assert.deepStrictEqual(rollout(replaced), { pulumiUp: [32, 66], total: [72, 146] });
        const rolled = diffOf({ serviceStrategy: onDemand, forceNewDeployment: true }, { serviceStrategy: withSpot, forceNewDeployment: true });
        assert.deepStrictEqual(changes(rolled), ["update web: capacityProviderStrategies"]);
        assert.deepStrictEqual(flags(rolled), []);
        assert.deepStrictEqual(rolled.rollout.services.map((s) => [s.kind, s.lowS, s.highS]), [["rolling", 70, 120]]);
    });

    it("an IPv6 rule open to ::/0 on every port is flagged; a rule already open before is not flagged again", () => {
        const base = changeStack({});
        const head = changeStack({});
        const sg = head.resources.find((r) => r.name === "web-lb-sg")!;
        const rule = head.resources.find((r) => r.name === "web-lb-in-80-1")!;
        head.resources.push({ ...rule, urn: rule.urn.replace(/web-lb-in-80-1$/, "web-lb-in-all-v6"), name: "web-lb-in-all-v6", inputs: { securityGroupId: sg.id, ipProtocol: "-1", cidrIpv6: "::/0" } });
        const d = planDiff(base.resources, head.resources, { base: SIDE, head: SIDE });
        assert.deepStrictEqual(d.risks.map((r) => r.reason), ["opens every port and protocol from ::/0: anyone on the internet can connect."]);
        const again = planDiff(head.resources, head.resources.map((r) => (r.name === "web-lb-in-all-v6" ? { ...r, inputs: { ...r.inputs, description: "v6" } } : r)), { base: SIDE, head: SIDE });
        assert.deepStrictEqual([changes(again), flags(again)], [["update web-lb-in-all-v6: description"], []]);
    });

    it("a protected resource that the change replaces is flagged: pulumi up would refuse it", () => {
        const base = changeStack({});
        base.resources.find((r) => r.type === "aws:ecr/repository:Repository")!.protect = true;
        const d = planDiff(base.resources, changeStack({ kmsKeyArn: KMS_KEY }).resources, { base: SIDE, head: SIDE });
        assert.deepStrictEqual(flags(d), ["protected app", "data-loss app"]);
        assert.strictEqual(d.risks[0].reason, "the resource is protected (`protect: true`): `pulumi up` refuses to replace it, so the change fails until the option is removed.");
    });

    it("tasks that roll into subnets whose new NAT route they do not wait for are flagged; waiting for it clears the flag", () => {
        const unready = diffOf({ routeTable: true }, { routeTable: true, natGateways: 1, imageTag: "v2" });
        assert.deepStrictEqual(flags(unready), ["network-not-ready web"]);
        assert.strictEqual(unready.risks[0].reason, "the new tasks start in subnets whose route (main-tasks-default-route) this change creates, and the service does not wait for it: tasks that start first cannot reach ECR, fail to pull the image, and may trip the deployment circuit breaker.");
        const waiting = diffOf({ routeTable: true }, { routeTable: true, natGateways: 1, imageTag: "v2", serviceWaitsForRoute: true });
        assert.deepStrictEqual(flags(waiting), []);
        // Waiting puts the NAT gateway (85–125 s) and its route (1–13 s) before the service update.
        assert.deepStrictEqual(waiting.rollout.criticalPath, ["main-nat-1-eip", "main-nat-1", "main-tasks-default-route", "web"]);
        const noRoll = diffOf({ routeTable: true }, { routeTable: true, natGateways: 1 });
        assert.deepStrictEqual(flags(noRoll), []);
    });
});
