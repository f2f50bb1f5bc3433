/**
 * Stack (relational) policies, one mutation of the compliant stack per test. Each runs twice: with property
 * dependencies recorded, and without them (partners then matched by `id`/`arn`/`name` values).
 */
import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { baselineStack, container, find, FixtureResource, runStack, UNKNOWN, withoutDependencies } from "./fixtures";

interface StackMutation {
    policy: string;
    what: string;
    mutate: (stack: FixtureResource[]) => void;
    config?: object;
    /** Expected violations: [resource name, message]. */
    expect: [string, string][];
}

const props = (stack: FixtureResource[], name: string) => find(stack, name).props;
const remove = (stack: FixtureResource[], name: string) => stack.splice(stack.indexOf(find(stack, name)), 1);
const add = (stack: FixtureResource[], type: string, name: string, p: Record<string, any>, deps: Record<string, string[]> = {}) => stack.push({ type, name, props: p, deps });

/** The service publishes its container's named port 8080 through Service Connect. */
function publishThroughServiceConnect(s: FixtureResource[]): void {
    props(s, "app-task").containerDefinitions = JSON.stringify([{ ...container(), portMappings: [{ name: "app", containerPort: 8080, protocol: "tcp" }] }]);
    props(s, "app-service").serviceConnectConfiguration = { enabled: true, services: [{ portName: "app", discoveryName: "app", clientAlias: [{ port: 8080, dnsName: "app" }] }] };
}

const mutations: StackMutation[] = [
    { policy: "ecr-repository-scan-on-push", what: "scanOnPush off", mutate: (s) => (props(s, "app-repo").imageScanningConfiguration.scanOnPush = false),
        expect: [["app-repo", "Images are not scanned on push; set `imageScanningConfiguration: { scanOnPush: true }` or enable ENHANCED registry scanning for this repository."]] },
    { policy: "ecr-repository-scan-on-push", what: "no scanning block, and an ENHANCED rule for other repositories only", mutate: (s) => {
        delete props(s, "app-repo").imageScanningConfiguration;
        add(s, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", "registry-scanning", {
            scanType: "ENHANCED", rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "other-*", filterType: "WILDCARD" }] }] });
    }, expect: [["app-repo", "Images are not scanned on push; set `imageScanningConfiguration: { scanOnPush: true }` or enable ENHANCED registry scanning for this repository."]] },
    { policy: "ecr-repository-lifecycle-policy", what: "a repository without lifecycle policy", mutate: (s) => remove(s, "app-repo-lifecycle"),
        expect: [["app-repo", "No lifecycle policy refers to this repository; add an `aws.ecr.LifecyclePolicy` with `repository` set to its name."]] },
    { policy: "ecs-taskdef-container-health-check", what: "no container health check and no load balancer", mutate: (s) => {
        delete props(s, "app-service").loadBalancers;
        props(s, "app-task").containerDefinitions = JSON.stringify([{ ...container(), healthCheck: undefined }]);
    }, expect: [["app-task", "Essential container \"app\" has no health check and no load balancer checks it; set `healthCheck.command`."]] },
    { policy: "ecs-taskdef-log-group-managed", what: "a log group the stack does not manage", mutate: (s) => {
        const c = container();
        c.logConfiguration.options["awslogs-group"] = "/ecs/elsewhere";
        props(s, "app-task").containerDefinitions = JSON.stringify([c]);
        find(s, "app-task").deps.containerDefinitions = [];
    }, expect: [["app-task", "container \"app\" writes to log group \"/ecs/elsewhere\", which the stack does not manage; create it with `aws.cloudwatch.LogGroup`."]] },
    { policy: "ecs-taskdef-log-group-managed", what: "awslogs-create-group", mutate: (s) => {
        const c = container();
        c.logConfiguration.options["awslogs-create-group"] = "true";
        props(s, "app-task").containerDefinitions = JSON.stringify([c]);
    }, expect: [["app-task", "container \"app\" sets `awslogs-create-group`; create the log group in the stack instead."]] },
    { policy: "ecs-service-task-ingress-restricted", what: "task ingress from the internet", mutate: (s) => {
        add(s, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-task-open", {
            securityGroupId: "sg-task", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0", description: "oops" }, { securityGroupId: ["app-task-sg"] });
    }, expect: [["app-service", "Task security group app-task-sg, rule app-task-open admits 0.0.0.0/0 on tcp port 8080; admit only the load balancer's security group."]] },
    { policy: "ecs-service-task-ingress-restricted", what: "task ingress from a private CIDR behind a load balancer (ec2 rule shape)", mutate: (s) => {
        add(s, "aws:ec2/securityGroupRule:SecurityGroupRule", "app-task-vpc", {
            type: "ingress", securityGroupId: "sg-task", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"], description: "vpc" }, { securityGroupId: ["app-task-sg"] });
    }, expect: [["app-service", "Task security group app-task-sg, rule app-task-vpc admits 10.0.0.0/16; the service is behind a load balancer, so admit only the load balancer's security group."]] },
    { policy: "ecs-service-task-ingress-restricted", what: "inline task ingress from another security group", mutate: (s) => {
        remove(s, "app-task-from-alb");
        remove(s, "app-task-https-out");
        props(s, "app-task-sg").ingress = [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: ["sg-bastion"], description: "bastion" }];
    }, expect: [["app-service", "Task security group app-task-sg, inline ingress[0] admits security group sg-bastion; the service is behind a load balancer, so admit only the load balancer's security group."]] },
    { policy: "ecs-service-task-ingress-restricted", what: "a Service Connect caller's group admitted on a port the service does not publish", mutate: (s) => {
        publishThroughServiceConnect(s);
        add(s, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-task-from-worker", {
            securityGroupId: "sg-task", ipProtocol: "tcp", fromPort: 9090, toPort: 9090, referencedSecurityGroupId: "sg-worker", description: "worker" }, { securityGroupId: ["app-task-sg"] });
    }, expect: [["app-service", "Task security group app-task-sg, rule app-task-from-worker admits security group sg-worker; the service is behind a load balancer, so admit only the load balancer's security group."]] },
    { policy: "ecs-infrastructure-role-scoped", what: "a blue/green role trusting tasks too and modifying any rule", mutate: (s) => {
        const roleArn = "arn:aws:iam::123456789012:role/app-ecs-infra";
        add(s, "aws:iam/role:Role", "app-ecs-infra-role", { name: "app-ecs-infra", arn: roleArn, assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["ecs.amazonaws.com", "ecs-tasks.amazonaws.com"] }, Action: "sts:AssumeRole" }] }) });
        add(s, "aws:iam/rolePolicy:RolePolicy", "app-ecs-infra-policy", { role: "app-ecs-infra", policy: JSON.stringify({
            Version: "2012-10-17", Statement: [
                { Effect: "Allow", Action: ["elasticloadbalancing:DescribeRules"], Resource: "*" },
                { Effect: "Allow", Action: ["elasticloadbalancing:ModifyRule"], Resource: "*" },
            ] }) }, { role: ["app-ecs-infra-role"] });
        const lbs = props(s, "app-service").loadBalancers;
        lbs[0].advancedConfiguration = { alternateTargetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/alt/1", productionListenerRule: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/a/1/2/3", roleArn };
        find(s, "app-service").deps.loadBalancers = [...find(s, "app-service").deps.loadBalancers, "app-ecs-infra-role"];
    }, expect: [
        ["app-ecs-infra-role", "Role app-ecs-infra-role moves app-service's traffic but also trusts ecs-tasks.amazonaws.com; trust only ecs.amazonaws.com."],
        ["app-ecs-infra-role", "Role app-ecs-infra-role's RolePolicy app-ecs-infra-policy allows elasticloadbalancing:ModifyRule on \"*\"; scope them to app-service's listener rules and target groups."],
    ] },
    { policy: "ecs-service-exec-controlled", what: "ECS Exec on a cluster that does not log it", mutate: (s) => {
        props(s, "app-service").enableExecuteCommand = true;
        props(s, "app-cluster").configuration.executeCommandConfiguration = { logging: "NONE" };
    }, expect: [["app-service", "ECS Exec is enabled but the cluster does not log exec sessions; set `enableExecuteCommand: false` or configure the cluster's `executeCommandConfiguration.logging`."]] },
    { policy: "alb-waf-associated", what: "an internet-facing ALB without WAF", mutate: (s) => remove(s, "app-alb-waf"),
        expect: [["app-alb", "No WAF web ACL is associated with this internet-facing load balancer; add an `aws.wafv2.WebAclAssociation` with `resourceArn` set to its ARN."]] },
    { policy: "alb-target-group-ip-type-for-awsvpc", what: "an instance target group (unset)", mutate: (s) => delete props(s, "app-tg").targetType,
        expect: [["app-tg", "Target group app-tg has targetType unset (instance) but service app-service runs awsvpc tasks; set `targetType: \"ip\"`."]] },
    { policy: "alb-target-group-ip-type-for-awsvpc", what: "an instance target group for an awsvpc task on EC2", mutate: (s) => {
        delete props(s, "app-service").launchType;
        props(s, "app-tg").targetType = "instance";
    }, expect: [["app-tg", "Target group app-tg has targetType instance but service app-service runs awsvpc tasks; set `targetType: \"ip\"`."]] },
    { policy: "security-group-no-rule-management-conflicts", what: "inline rules and rule resources on one group", mutate: (s) => {
        props(s, "app-task-sg").ingress = [{ protocol: "tcp", fromPort: 9000, toPort: 9000, cidrBlocks: ["10.0.0.0/16"], description: "metrics" }];
    }, expect: [["app-task-sg", "The security group declares inline rules (ingress[0]) and 2 separate rule resource(s) also manage it; keep one style."]] },
    { policy: "iam-role-no-policy-management-conflicts", what: "managedPolicyArns and an attachment", mutate: (s) => {
        props(s, "app-exec-role").managedPolicyArns = ["arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess"];
        add(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-exec-attach", {
            role: "app-exec", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" }, { role: ["app-exec-role"] });
    }, expect: [["app-exec-role", "The role sets `managedPolicyArns` [\"arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess\"] and is also managed by 1 RolePolicyAttachment(s); use one style."]] },
    { policy: "iam-role-no-policy-management-conflicts", what: "inlinePolicies and a RolePolicy", mutate: (s) => {
        props(s, "app-task-role").inlinePolicies = [{ name: "extra", policy: JSON.stringify({ Statement: [] }) }];
    }, expect: [["app-task-role", "The role sets `inlinePolicies` [\"extra\"] and is also managed by 1 RolePolicy resource(s); use one style."]] },
    { policy: "ecs-roles-least-privilege", what: "AdministratorAccess on the task role", mutate: (s) => {
        add(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-task-admin", {
            role: "app-task", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { role: ["app-task-role"] });
    }, expect: [["app-task-role", "Role app-task-role has AdministratorAccess attached; replace it with a policy granting only what the task needs."]] },
    { policy: "ecs-roles-least-privilege", what: "another AWS managed policy on the execution role", mutate: (s) => {
        props(s, "app-exec-role").managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"];
    }, expect: [["app-exec-role", "Role app-exec-role has the AWS managed policy AmazonS3ReadOnlyAccess attached; grant the needed actions in an inline policy instead."]] },
    { policy: "ecs-roles-least-privilege", what: "s3:* on * in the task role's RolePolicy", mutate: (s) => {
        props(s, "app-task-policy").policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    }, expect: [["app-task-role", "Role app-task-role's RolePolicy app-task-policy has Allow \"s3:*\" on \"*\"; name the actions and resource ARNs the task needs."]] },
    { policy: "ecs-roles-least-privilege", what: "* on * in a customer policy attached to the execution role", mutate: (s) => {
        add(s, "aws:iam/policy:Policy", "app-broad", { arn: "arn:aws:iam::123456789012:policy/broad", name: "broad",
            policy: { Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] } });
        add(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-exec-broad", {
            role: "app-exec", policyArn: "arn:aws:iam::123456789012:policy/broad" }, { role: ["app-exec-role"], policyArn: ["app-broad"] });
    }, expect: [["app-exec-role", "Role app-exec-role's policy app-broad has Allow \"*\" on \"*\"; name the actions and resource ARNs the task needs."]] },
];

const byName = new Map(policies.map((p) => [p.name, p]));
function stackPolicy(name: string): StackValidationPolicy {
    const p = byName.get(name);
    assert.ok(p && "validateStack" in p, `${name} is a stack policy`);
    return p as StackValidationPolicy;
}

function mutated(m: StackMutation): FixtureResource[] {
    const stack = baselineStack();
    m.mutate(stack);
    return stack;
}

const asPairs = (out: { violations: { message: string; name?: string }[] }) => out.violations.map((v) => [v.name, v.message]);

describe("stack policies", () => {
    for (const m of mutations) {
        describe(m.policy, () => {
            it(`reports ${m.what}`, async () => {
                const out = await runStack(stackPolicy(m.policy), mutated(m), m.config);
                assert.strictEqual(out.unknown, undefined);
                assert.deepStrictEqual(asPairs(out), m.expect);
            });

            it(`reports ${m.what}, matching partners by value when no dependencies were recorded`, async () => {
                const out = await runStack(stackPolicy(m.policy), withoutDependencies(mutated(m)), m.config);
                assert.deepStrictEqual(asPairs(out), m.expect);
            });
        });
    }

    it("covers every stack policy of the pack with at least one mutation", () => {
        const covered = new Set(mutations.map((m) => m.policy));
        const missing = policies.filter((p) => "validateStack" in p && !covered.has(p.name)).map((p) => p.name);
        assert.deepStrictEqual(missing, []);
    });
});

describe("stack policies: what they accept", () => {
    it("accepts a repository covered by ENHANCED registry scanning", async () => {
        const s = baselineStack();
        delete props(s, "app-repo").imageScanningConfiguration;
        add(s, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", "registry-scanning", {
            scanType: "ENHANCED", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "ap*", filterType: "WILDCARD" }] }] });
        assert.deepStrictEqual(await runStack(stackPolicy("ecr-repository-scan-on-push"), s), { violations: [] });
    });

    it("accepts an internal load balancer without WAF", async () => {
        const s = baselineStack();
        remove(s, "app-alb-waf");
        props(s, "app-alb").internal = true;
        assert.deepStrictEqual(await runStack(stackPolicy("alb-waf-associated"), s), { violations: [] });
    });

    it("accepts private ingress to a service without load balancer", async () => {
        const s = baselineStack();
        delete props(s, "app-service").loadBalancers;
        props(s, "app-task-from-alb").cidrIpv4 = "10.0.0.0/16";
        delete props(s, "app-task-from-alb").referencedSecurityGroupId;
        assert.deepStrictEqual(await runStack(stackPolicy("ecs-service-task-ingress-restricted"), s), { violations: [] });
    });

    it("accepts other services' groups on exactly the port the service publishes through Service Connect", async () => {
        const s = baselineStack();
        publishThroughServiceConnect(s);
        add(s, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-task-from-worker", {
            securityGroupId: "sg-task", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-worker", description: "worker" }, { securityGroupId: ["app-task-sg"] });
        assert.deepStrictEqual(await runStack(stackPolicy("ecs-service-task-ingress-restricted"), s), { violations: [] });
    });

    it("accepts an infrastructure role as WebService builds it: ECS only, describe on *, changes on its rule and groups", async () => {
        const { record } = await import("../helpers");
        const { WebService } = await import("../../components");
        const rec = await record(() => new WebService("api", {
            clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/main", vpcId: "vpc-1", subnetIds: ["subnet-a"], image: "nginx:1.27",
            loadBalancer: { listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/1/2", securityGroupId: "sg-shared", arnSuffix: "app/shared/1", priority: 5, pathPatterns: ["/*"] },
            deployment: { strategy: "BLUE_GREEN" },
        }));
        const stack: FixtureResource[] = rec.resources.filter((r) => r.custom).map((r) => ({
            type: r.type, name: r.name, props: { ...r.inputs, ...r.outputs, id: r.id },
            deps: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((u) => u.split("::").pop()!)])),
        }));
        assert.deepStrictEqual(await runStack(stackPolicy("ecs-infrastructure-role-scoped"), stack), { violations: [] });
        assert.ok(stack.some((r) => r.name === "api-ecs-infra-role"));
    });

    it("finds the load balancer's group through dependencies while its id is unknown (preview)", async () => {
        const s = baselineStack();
        props(s, "app-task-from-alb").referencedSecurityGroupId = UNKNOWN;
        props(s, "app-alb-sg").id = UNKNOWN;
        assert.deepStrictEqual(await runStack(stackPolicy("ecs-service-task-ingress-restricted"), s), { violations: [] });
    });

    it("does not count inline rules read back from AWS as a conflict", async () => {
        const s = baselineStack();
        props(s, "app-task-sg").ingress = [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: ["sg-alb"], description: "From the load balancer" }];
        props(s, "app-task-sg").egress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs" }];
        assert.deepStrictEqual(await runStack(stackPolicy("security-group-no-rule-management-conflicts"), s), { violations: [] });
    });

    it("does not count managed policy ARNs read back from AWS as a conflict", async () => {
        const s = baselineStack();
        const arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
        props(s, "app-exec-role").managedPolicyArns = [arn];
        add(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-exec-attach", { role: "app-exec", policyArn: arn }, { role: ["app-exec-role"] });
        assert.deepStrictEqual(await runStack(stackPolicy("iam-role-no-policy-management-conflicts"), s), { violations: [] });
        assert.deepStrictEqual(await runStack(stackPolicy("ecs-roles-least-privilege"), s), { violations: [] });
    });

    it("leaves roles no task definition uses to other rules", async () => {
        const s = baselineStack();
        add(s, "aws:iam/role:Role", "ci-role", { name: "ci", arn: "arn:aws:iam::123456789012:role/ci", managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
        assert.deepStrictEqual(await runStack(stackPolicy("ecs-roles-least-privilege"), s), { violations: [] });
    });
});
