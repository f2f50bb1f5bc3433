import { strict as assert } from "assert";
import { WebService, WebServiceArgs } from "../../components";
import { RULES, textViolation } from "../../components/awsRules";
import { record, REQUIRED_WEB_SERVICE_ARGS } from "../helpers";

const REQUIRED: WebServiceArgs = {
    ...REQUIRED_WEB_SERVICE_ARGS,
    taskRolePolicyJson: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] }),
};

describe("names AWS accepts, whatever the component's name", () => {
    it("gives the security groups of a component named `sg` names that do not begin with sg- (CreateSecurityGroup rejects them)", async () => {
        const rec = await record(() => new WebService("sg", REQUIRED));
        const prefixes = rec.ofType("aws:ec2/securityGroup:SecurityGroup").map((g) => g.inputs.namePrefix).sort();
        assert.deepEqual(prefixes, ["group-sg-lb-sg-", "group-sg-task-sg-"]);
    });

    it("gives a component named `my app` a log group prefix and inline policy names without the space", async () => {
        const rec = await record(() => new WebService("my app", REQUIRED));
        assert.equal(rec.get("aws:cloudwatch/logGroup:LogGroup", "my app-logs").inputs.namePrefix, "/ecs/my-app-");
        const policies = rec.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.inputs.namePrefix).sort();
        assert.deepEqual(policies, ["my-app-exec-policy-", "my-app-task-policy-"]);
        for (const prefix of policies) {
            assert.equal(textViolation(RULES.iamPolicyName, `${prefix}20261201000000000000000001`), undefined);
        }
    });

    it("keeps role descriptions within IAM's characters for a name outside Latin-1", async () => {
        const rec = await record(() => new WebService("web-漢字", REQUIRED));
        const descriptions = rec.ofType("aws:iam/role:Role").map((r) => r.inputs.description as string).sort();
        assert.deepEqual(descriptions, [
            "Identity of the app in the tasks of web-??",
            "Starts the tasks of web-??: pulls the image, writes logs, reads its secrets",
        ]);
    });

    it("gives the scheduled actions of a component named `team/api:v2` names without `:` or `/` (PutScheduledAction rejects them)", async () => {
        const rec = await record(() => new WebService("team/api:v2", {
            ...REQUIRED, autoscaling: { minCapacity: 1, maxCapacity: 2, schedules: [{ name: "night", schedule: "rate(1 day)", minCapacity: 1 }] },
        }));
        const action = rec.get("aws:appautoscaling/scheduledAction:ScheduledAction", "team/api:v2-schedule-night");
        assert.match(action.inputs.name as string, /^team-api-v2-schedule-night-[0-9a-f]{7}$/);
        assert.equal(textViolation(RULES.scheduledActionName, action.inputs.name as string), undefined);
    });

    it("leaves Pulumi's own names to a plain component name, so no existing group or policy is replaced", async () => {
        const rec = await record(() => new WebService("web", REQUIRED));
        assert.deepEqual(rec.ofType("aws:ec2/securityGroup:SecurityGroup").map((g) => g.inputs.namePrefix), [undefined, undefined]);
        assert.deepEqual(rec.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.inputs.namePrefix), [undefined, undefined]);
        assert.equal(rec.get("aws:cloudwatch/logGroup:LogGroup", "web-logs").inputs.namePrefix, "/ecs/web-");
    });
});
