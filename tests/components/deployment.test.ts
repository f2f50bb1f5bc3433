import { strict as assert } from "assert";
import { WebService, WebServiceArgs } from "../../components";
import { validateWebServiceArgs } from "../../components/webServiceValidation";
import { childrenOf, json, record } from "../helpers";

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/main";
const IMAGE = "nginx:1.27";
const BASE: WebServiceArgs = {
    clusterArn: CLUSTER, vpcId: "vpc-1",
    subnetIds: ["subnet-private-a", "subnet-private-b"], loadBalancerSubnetIds: ["subnet-public-a", "subnet-public-b"], image: IMAGE,
};
const SHARED: WebServiceArgs = {
    clusterArn: CLUSTER, vpcId: "vpc-1", subnetIds: ["subnet-private-a"], image: IMAGE,
    loadBalancer: { listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/1/2", securityGroupId: "sg-shared", arnSuffix: "app/shared/1", priority: 5, hostHeaders: ["api.example.com"] },
};

describe("traffic-shifting deployments", () => {
    it("on a shared load balancer, adds a second target group and the ECS infrastructure role and policy", async () => {
        const rec = await record(() => new WebService("api", { ...SHARED, deployment: { strategy: "BLUE_GREEN" } }));
        const children = childrenOf(rec, "api");
        for (const child of ["aws:lb/targetGroup:TargetGroup api-tg", "aws:lb/targetGroup:TargetGroup api-tg-alt", "aws:lb/listenerRule:ListenerRule api-rule", "aws:iam/role:Role api-ecs-infra-role", "aws:iam/rolePolicy:RolePolicy api-ecs-infra-policy"]) {
            assert.ok(children.includes(child), child);
        }
        assert.equal(children.length, 15);
        const [blue, green] = ["api-tg", "api-tg-alt"].map((n) => rec.get("aws:lb/targetGroup:TargetGroup", n));
        assert.notEqual(blue.inputs.name, green.inputs.name);
    });

    it("sets BLUE_GREEN with its bake time and the advanced configuration, with the circuit breaker still on", async () => {
        const rec = await record(() => new WebService("api", { ...SHARED, deployment: { strategy: "BLUE_GREEN", bakeTimeMinutes: 15 } }));
        const recorded = rec.get("aws:ecs/service:Service", "api");
        const service = recorded.inputs;
        assert.ok(recorded.propertyDependencies.loadBalancers.includes(rec.get("aws:lb/listenerRule:ListenerRule", "api-rule").urn), "the production rule reaches the service");
        assert.deepEqual(service.deploymentConfiguration, { strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" });
        assert.deepEqual(service.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.deepEqual(service.deploymentController, { type: "ECS" });
        const tg = rec.get("aws:lb/targetGroup:TargetGroup", "api-tg").outputs.arn;
        const [lb] = service.loadBalancers as any[];
        assert.deepEqual([lb.targetGroupArn, lb.containerName, lb.containerPort], [tg, "app", 80]);
        assert.equal(lb.advancedConfiguration.alternateTargetGroupArn, rec.get("aws:lb/targetGroup:TargetGroup", "api-tg-alt").outputs.arn);
        assert.equal(lb.advancedConfiguration.roleArn, rec.get("aws:iam/role:Role", "api-ecs-infra-role").outputs.arn);
        // The rule's ARN as the simulator computes it (it has none yet for listener rules: then both are absent).
        assert.equal(lb.advancedConfiguration.productionListenerRule, rec.get("aws:lb/listenerRule:ListenerRule", "api-rule").outputs.arn);
    });

    it("weights the production rule 100/0 across the two groups and leaves the weights to ECS afterwards", async () => {
        const rec = await record(() => new WebService("api", { ...SHARED, deployment: { strategy: "CANARY" } }));
        const rule = rec.get("aws:lb/listenerRule:ListenerRule", "api-rule");
        const [blue, green] = ["api-tg", "api-tg-alt"].map((n) => rec.get("aws:lb/targetGroup:TargetGroup", n).outputs.arn);
        assert.deepEqual(rule.inputs.actions, [{ type: "forward", forward: { targetGroups: [{ arn: blue, weight: 100 }, { arn: green, weight: 0 }] } }]);
        assert.deepEqual(rule.ignoreChanges, ["actions"]);
    });

    it("lets only ECS of this account assume the role, with ELB permissions on these target groups and this rule only", async () => {
        const rec = await record(() => new WebService("api", { ...SHARED, deployment: { strategy: "LINEAR" } }));
        assert.deepEqual(json(rec.get("aws:iam/role:Role", "api-ecs-infra-role"), "assumeRolePolicy").Statement, [{
            Sid: "AllowAccessToECSForInfrastructureManagement", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        }]);
        const [blue, green] = ["api-tg", "api-tg-alt"].map((n) => rec.get("aws:lb/targetGroup:TargetGroup", n).outputs.arn);
        const ruleResource = rec.get("aws:lb/listenerRule:ListenerRule", "api-rule");
        const rule = ruleResource.outputs.arn;
        // The policy is built from the rule's ARN (whatever the simulator computes for it) and the two groups'.
        assert.ok(rec.get("aws:iam/rolePolicy:RolePolicy", "api-ecs-infra-policy").propertyDependencies.policy.includes(ruleResource.urn));
        assert.deepEqual(json(rec.get("aws:iam/rolePolicy:RolePolicy", "api-ecs-infra-policy"), "policy").Statement, [
            { Sid: "DescribeLoadBalancing", Effect: "Allow", Action: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"], Resource: "*" },
            { Sid: "ShiftTraffic", Effect: "Allow", Action: "elasticloadbalancing:ModifyRule", Resource: [rule ?? null] },
            { Sid: "RegisterTasks", Effect: "Allow", Action: ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"], Resource: [blue, green] },
        ]);
    });

    it("sets CANARY and LINEAR with their steps and defaults", async () => {
        const canary = await record(() => new WebService("api", { ...SHARED, deployment: { strategy: "CANARY", canaryPercent: 5, stepBakeTimeMinutes: 3 } }));
        assert.deepEqual(canary.get("aws:ecs/service:Service", "api").inputs.deploymentConfiguration, {
            strategy: "CANARY", bakeTimeInMinutes: "5", canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: "3" },
        });
        const linear = await record(() => new WebService("api", { ...SHARED, deployment: { strategy: "LINEAR" } }));
        assert.deepEqual(linear.get("aws:ecs/service:Service", "api").inputs.deploymentConfiguration, {
            strategy: "LINEAR", bakeTimeInMinutes: "5", linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: "5" },
        });
    });

    it("on its own load balancer, routes through a catch-all rule ECS can re-weight, and the listener answers 404 otherwise", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, deployment: { strategy: "BLUE_GREEN" } }));
        const http = rec.get("aws:lb/listener:Listener", "web-http");
        assert.deepEqual((http.inputs.defaultActions as any[])[0].type, "fixed-response");
        const rule = rec.get("aws:lb/listenerRule:ListenerRule", "web-rule").inputs;
        assert.deepEqual([rule.listenerArn, rule.priority, rule.conditions], [http.outputs.arn, 1, [{ pathPattern: { values: ["/*"] } }]]);
        assert.ok(childrenOf(rec, "web").includes("aws:lb/loadBalancer:LoadBalancer web-alb"));
        assert.ok(childrenOf(rec, "web").includes("aws:iam/role:Role web-ecs-infra-role"));
    });

    it("keeps a rolling service exactly as before: no deployment configuration, no second group, no rule", async () => {
        const rec = await record(() => new WebService("web", BASE));
        assert.equal(rec.get("aws:ecs/service:Service", "web").inputs.deploymentConfiguration, undefined);
        assert.deepEqual(rec.ofType("aws:lb/listenerRule:ListenerRule"), []);
        assert.equal(rec.ofType("aws:lb/targetGroup:TargetGroup").length, 1);
    });
});

describe("deployment strategy validation", () => {
    const cases: [string, WebServiceArgs["deployment"], string][] = [
        ["an unknown strategy", { strategy: "RED_BLACK" as any }, '`deployment.strategy` "RED_BLACK" is not valid; use one of "ROLLING", "BLUE_GREEN", "CANARY", "LINEAR".'],
        ["a bake time of a day and a minute", { strategy: "BLUE_GREEN", bakeTimeMinutes: 1441 }, "`deployment.bakeTimeMinutes` 1441 is not valid; use a whole number from 0 to 1440 minutes."],
        ["a canary of 0.05 percent", { strategy: "CANARY", canaryPercent: 0.05 }, "`deployment.canaryPercent` 0.05 is not valid; use a percentage from 0.1 to 100."],
        ["linear steps of 2 percent", { strategy: "LINEAR", linearStepPercent: 2 }, "`deployment.linearStepPercent` 2 is not valid; use a percentage from 3 to 100."],
        ["a canary setting on a linear deploy", { strategy: "LINEAR", canaryPercent: 10 }, '`deployment.canaryPercent` 10 applies only to "CANARY", and `deployment.strategy` is "LINEAR"; drop it or change the strategy.'],
        ["a bake time on a rolling deploy", { bakeTimeMinutes: 10 }, '`deployment.bakeTimeMinutes` 10 applies only to "BLUE_GREEN", "CANARY", "LINEAR", and `deployment.strategy` is "ROLLING"; drop it or change the strategy.'],
    ];
    for (const [what, deployment, message] of cases) {
        it(`rejects ${what}`, () => {
            assert.deepEqual(validateWebServiceArgs({ ...SHARED, deployment }, "api").filter(Boolean), [message]);
        });
    }

    it("accepts a canary of 0.1 percent and linear steps of 3 percent", () => {
        assert.deepEqual(validateWebServiceArgs({ ...SHARED, deployment: { strategy: "CANARY", canaryPercent: 0.1 } }, "api").filter(Boolean), []);
        assert.deepEqual(validateWebServiceArgs({ ...SHARED, deployment: { strategy: "LINEAR", linearStepPercent: 3 } }, "api").filter(Boolean), []);
    });
});
