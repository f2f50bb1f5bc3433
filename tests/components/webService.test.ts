import { strict as assert } from "assert";
import { WebService, WebServiceArgs } from "../../components";
import { validateWebServiceArgs } from "../../components/webServiceValidation";
import { targetGroupName } from "../../components/loadBalancing";
import { valueOf } from "../../harness/mocks";
import { childrenOf, constructionError, json, record } from "../helpers";

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/main";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const BASE: WebServiceArgs = {
    clusterArn: CLUSTER,
    vpcId: "vpc-1",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    loadBalancerSubnetIds: ["subnet-public-a", "subnet-public-b"],
    image: IMAGE,
};

const DEFAULT_CHILDREN = [
    "aws:cloudwatch/logGroup:LogGroup web-logs",
    "aws:ec2/securityGroup:SecurityGroup web-lb-sg",
    "aws:ec2/securityGroup:SecurityGroup web-task-sg",
    "aws:ecs/service:Service web",
    "aws:ecs/taskDefinition:TaskDefinition web-task",
    "aws:iam/role:Role web-exec-role",
    "aws:iam/role:Role web-task-role",
    "aws:iam/rolePolicy:RolePolicy web-exec-policy",
    "aws:lb/listener:Listener web-http",
    "aws:lb/loadBalancer:LoadBalancer web-alb",
    "aws:lb/targetGroup:TargetGroup web-tg",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule web-lb-out-tasks",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule web-task-out-all",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-lb-in-80-1",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-task-in-lb",
];

function rule(r: { inputs: Record<string, unknown> }): string {
    const i = r.inputs;
    const peer = i.cidrIpv4 ?? i.cidrIpv6 ?? `sg:${i.referencedSecurityGroupId}`;
    return `${i.securityGroupId} ${i.ipProtocol} ${i.fromPort ?? "*"}-${i.toPort ?? "*"} ${peer}`;
}

describe("WebService", () => {
    it("creates exactly the default children", async () => {
        const rec = await record(() => new WebService("web", BASE));
        assert.deepEqual(childrenOf(rec, "web"), DEFAULT_CHILDREN);
    });

    it("admits the internet to the load balancer on port 80 only, and only the load balancer to the tasks", async () => {
        const rec = await record(() => new WebService("web", BASE));
        const lbSg = rec.get("aws:ec2/securityGroup:SecurityGroup", "web-lb-sg").id;
        const taskSg = rec.get("aws:ec2/securityGroup:SecurityGroup", "web-task-sg").id;
        const ingress = rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(rule).sort();
        const egress = rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map(rule).sort();
        assert.deepEqual(ingress, [`${lbSg} tcp 80-80 0.0.0.0/0`, `${taskSg} tcp 80-80 sg:${lbSg}`].sort());
        assert.deepEqual(egress, [`${lbSg} tcp 80-80 sg:${taskSg}`, `${taskSg} -1 *-* 0.0.0.0/0`].sort());
        for (const sg of rec.ofType("aws:ec2/securityGroup:SecurityGroup")) {
            assert.equal(sg.inputs.ingress, undefined, "no inline rules that would fight the rule resources");
        }
    });

    it("trusts only ECS tasks of the cluster's account for both roles", async () => {
        const rec = await record(() => new WebService("web", BASE));
        for (const role of ["web-exec-role", "web-task-role"]) {
            assert.deepEqual(json(rec.get("aws:iam/role:Role", role), "assumeRolePolicy").Statement, [{
                Effect: "Allow",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } },
            }]);
        }
    });

    it("scopes the execution role to the image's repository, its log group and exactly the named secrets", async () => {
        const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::";
        const parameter = "arn:aws:ssm:us-east-1:123456789012:parameter/app/key";
        const rec = await record(() => new WebService("web", { ...BASE, secrets: { DB_PASSWORD: secret, API_KEY: parameter } }));
        const logGroup = rec.get("aws:cloudwatch/logGroup:LogGroup", "web-logs").outputs.arn;
        assert.deepEqual(json(rec.get("aws:iam/rolePolicy:RolePolicy", "web-exec-policy"), "policy").Statement, [
            { Sid: "EcrAuthorizationToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            { Sid: "EcrPullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "arn:aws:ecr:us-east-1:123456789012:repository/app" },
            { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup}:log-stream:*` },
            { Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"] },
            { Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: [parameter] },
        ]);
    });

    it("grants no ECR permission for an image outside ECR", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, image: "public.ecr.aws/nginx/nginx:1.27" }));
        const sids = json(rec.get("aws:iam/rolePolicy:RolePolicy", "web-exec-policy"), "policy").Statement.map((s: any) => s.Sid);
        assert.deepEqual(sids, ["WriteLogs"]);
    });

    it("gives the task role exactly the SSM channels and session logging ECS Exec needs when it is enabled", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, enableExecuteCommand: true }));
        const logGroup = rec.get("aws:cloudwatch/logGroup:LogGroup", "web-logs").outputs.arn;
        assert.deepEqual(json(rec.get("aws:iam/rolePolicy:RolePolicy", "web-exec-command-policy"), "policy").Statement, [
            {
                Sid: "EcsExec",
                Effect: "Allow",
                Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                Resource: "*",
            },
            { Sid: "EcsExecFindLogGroup", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
            { Sid: "EcsExecLogSessions", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: `${logGroup}:*` },
        ]);
        assert.equal(rec.get("aws:ecs/service:Service", "web").inputs.enableExecuteCommand, true);
    });

    it("lets the task role decrypt ECS Exec sessions with exactly the cluster's session key", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
        const rec = await record(() => new WebService("web", { ...BASE, enableExecuteCommand: true, executeCommandKmsKeyArn: key }));
        const statements = json(rec.get("aws:iam/rolePolicy:RolePolicy", "web-exec-command-policy"), "policy").Statement;
        assert.deepEqual(statements.filter((st: any) => JSON.stringify(st.Action).includes("kms:")), [
            { Sid: "EcsExecDecryptSessions", Effect: "Allow", Action: "kms:Decrypt", Resource: key },
        ]);
    });

    it("makes the root file system writable for ECS Exec unless told otherwise", async () => {
        const root = async (args: Partial<WebServiceArgs>) =>
            json((await record(() => new WebService("web", { ...BASE, ...args }))).get("aws:ecs/taskDefinition:TaskDefinition", "web-task"), "containerDefinitions")[0].readonlyRootFilesystem;
        assert.equal(await root({}), true);
        assert.equal(await root({ enableExecuteCommand: true }), false);
        assert.equal(await root({ enableExecuteCommand: false }), true);
        assert.equal(await root({ enableExecuteCommand: true, readonlyRootFilesystem: false }), false);
    });

    it("lets the execution role decrypt with exactly the secrets' customer-managed keys", async () => {
        const keys = ["arn:aws:kms:us-east-1:123456789012:key/bbbb", "arn:aws:kms:us-east-1:123456789012:key/aaaa"];
        const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        const rec = await record(() => new WebService("web", { ...BASE, secrets: { DB: secret }, secretsKmsKeyArns: keys }));
        const statements = json(rec.get("aws:iam/rolePolicy:RolePolicy", "web-exec-policy"), "policy").Statement;
        assert.deepEqual(statements.filter((st: any) => JSON.stringify(st.Action).includes("kms:")), [
            { Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: [keys[1], keys[0]] },
        ]);
        const plain = await record(() => new WebService("web", { ...BASE, secrets: { DB: secret } }));
        const plainActions = json(plain.get("aws:iam/rolePolicy:RolePolicy", "web-exec-policy"), "policy").Statement.flatMap((st: any) => [st.Action].flat());
        assert.ok(!plainActions.some((a: string) => a.startsWith("kms:")), "no KMS grant without keys");
    });

    it("runs an awsvpc Fargate task with a read-only root file system and awslogs logging", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, writablePaths: ["/tmp"], user: "1000:1000", environment: { B: "2", A: "1" } }));
        const task = rec.get("aws:ecs/taskDefinition:TaskDefinition", "web-task");
        assert.deepEqual([task.inputs.networkMode, task.inputs.requiresCompatibilities, task.inputs.cpu, task.inputs.memory], ["awsvpc", ["FARGATE"], "256", "512"]);
        assert.deepEqual(task.inputs.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" });
        assert.deepEqual(task.inputs.volumes, [{ name: "writable-1" }]);
        const [container] = json(task, "containerDefinitions");
        const logGroup = rec.get("aws:cloudwatch/logGroup:LogGroup", "web-logs").outputs.name;
        assert.deepEqual(container, {
            name: "app", image: IMAGE, essential: true,
            portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp" }],
            environment: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
            secrets: [],
            readonlyRootFilesystem: true,
            privileged: false,
            mountPoints: [{ sourceVolume: "writable-1", containerPath: "/tmp", readOnly: false }],
            linuxParameters: { initProcessEnabled: true },
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" } },
            user: "1000:1000",
        });
        assert.notEqual(task.inputs.executionRoleArn, task.inputs.taskRoleArn);
    });

    it("keeps logs 30 days and keeps them when the service is deleted", async () => {
        const rec = await record(() => new WebService("web", BASE));
        const logs = rec.get("aws:cloudwatch/logGroup:LogGroup", "web-logs").inputs;
        assert.deepEqual([logs.retentionInDays, logs.skipDestroy, logs.namePrefix], [30, true, "/ecs/web-"]);
    });

    it("rolls out with the circuit breaker and rollback, waits for steady state, and hides tasks behind the load balancer", async () => {
        const rec = await record(() => new WebService("web", BASE));
        const service = rec.get("aws:ecs/service:Service", "web").inputs;
        assert.deepEqual(service.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.deepEqual(service.deploymentController, { type: "ECS" });
        assert.deepEqual([service.deploymentMinimumHealthyPercent, service.deploymentMaximumPercent, service.waitForSteadyState], [100, 200, true]);
        assert.deepEqual(service.networkConfiguration, {
            subnets: ["subnet-private-a", "subnet-private-b"],
            securityGroups: [rec.get("aws:ec2/securityGroup:SecurityGroup", "web-task-sg").id],
            assignPublicIp: false,
        });
        assert.deepEqual(service.capacityProviderStrategies, [{ capacityProvider: "FARGATE", base: 1, weight: 1 }]);
        assert.deepEqual([service.platformVersion, service.propagateTags, service.healthCheckGracePeriodSeconds, service.desiredCount], ["LATEST", "SERVICE", 30, 1]);
    });

    it("forces a new deployment on update, as the AWS provider requires for a changed capacity split", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, capacity: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 3 } }));
        const service = rec.get("aws:ecs/service:Service", "web").inputs;
        assert.equal(service.forceNewDeployment, true);
        assert.deepEqual(service.capacityProviderStrategies, [
            { capacityProvider: "FARGATE", base: 1, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
        ]);
        assert.equal(service.triggers, undefined, "no trigger that would redeploy on every up");
    });

    it("uses fast, documented health-check and draining defaults on an ip target group", async () => {
        const rec = await record(() => new WebService("web", BASE));
        const tg = rec.get("aws:lb/targetGroup:TargetGroup", "web-tg").inputs;
        assert.deepEqual([tg.targetType, tg.protocol, tg.port, tg.deregistrationDelay], ["ip", "HTTP", 80, 15]);
        assert.deepEqual(tg.healthCheck, { enabled: true, path: "/", protocol: "HTTP", port: "traffic-port", interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, matcher: "200-399" });
    });

    it("drops invalid headers on a defensive, internet-facing load balancer", async () => {
        const rec = await record(() => new WebService("web", BASE));
        const lb = rec.get("aws:lb/loadBalancer:LoadBalancer", "web-alb").inputs;
        assert.deepEqual([lb.loadBalancerType, lb.internal, lb.dropInvalidHeaderFields, lb.desyncMitigationMode, lb.enableDeletionProtection], ["application", false, true, "defensive", false]);
        assert.deepEqual(lb.subnets, ["subnet-public-a", "subnet-public-b"]);
    });

    it("serves HTTPS with a TLS 1.3 policy and redirects HTTP when given a certificate", async () => {
        const cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
        const rec = await record(() => new WebService("web", { ...BASE, certificateArn: cert, allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"] }));
        const https = rec.get("aws:lb/listener:Listener", "web-https").inputs;
        assert.deepEqual([https.protocol, https.port, https.sslPolicy, https.certificateArn], ["HTTPS", 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", cert]);
        const http = rec.get("aws:lb/listener:Listener", "web-http").inputs;
        assert.deepEqual(http.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        const lbSg = rec.get("aws:ec2/securityGroup:SecurityGroup", "web-lb-sg").id;
        const lbIngress = rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === lbSg).map(rule).sort();
        assert.deepEqual(lbIngress, [
            `${lbSg} tcp 443-443 2001:db8::/32`, `${lbSg} tcp 443-443 203.0.113.0/24`,
            `${lbSg} tcp 80-80 2001:db8::/32`, `${lbSg} tcp 80-80 203.0.113.0/24`,
        ]);
    });

    it("reports the URL on the domain name, keeping the load balancer's DNS name for the alias record", async () => {
        const cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
        const urlOf = async (args: Partial<WebServiceArgs>) => {
            let service: WebService | undefined;
            const rec = await record(() => { service = new WebService("web", { ...BASE, ...args }); });
            const dnsName = rec.get("aws:lb/loadBalancer:LoadBalancer", "web-alb").outputs.dnsName;
            return [await valueOf(service!.url), await valueOf(service!.loadBalancerDnsName) === dnsName];
        };
        assert.deepEqual(await urlOf({ certificateArn: cert, domainName: "app.example.com" }), ["https://app.example.com", true]);
        assert.deepEqual(await urlOf({ domainName: "app.example.com" }), ["http://app.example.com", true]);
        const [plain] = await urlOf({ certificateArn: cert });
        assert.match(plain as string, /^https:\/\/web-[0-9a-f]{7}-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    });

    it("scales on CPU and requests, on schedules, and leaves the scaled count alone on later deploys", async () => {
        const rec = await record(() => new WebService("web", {
            ...BASE,
            autoscaling: { minCapacity: 2, maxCapacity: 6, cpuTargetPercent: 50, requestsPerTarget: 400, schedules: [{ name: "night", schedule: "cron(0 20 * * ? *)", minCapacity: 1 }] },
        }));
        const service = rec.get("aws:ecs/service:Service", "web");
        assert.deepEqual(service.ignoreChanges, ["desiredCount"]);
        assert.equal(service.inputs.desiredCount, 2);
        const target = rec.get("aws:appautoscaling/target:Target", "web-scaling").inputs;
        assert.deepEqual([target.minCapacity, target.maxCapacity, target.resourceId], [2, 6, `service/main/${service.inputs.name}`]);
        const requests = rec.get("aws:appautoscaling/policy:Policy", "web-requests-scaling").inputs as any;
        const lb = rec.get("aws:lb/loadBalancer:LoadBalancer", "web-alb").outputs;
        const tg = rec.get("aws:lb/targetGroup:TargetGroup", "web-tg").outputs;
        assert.deepEqual(requests.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification, { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: `${lb.arnSuffix}/${tg.arnSuffix}` });
        assert.equal((rec.get("aws:appautoscaling/policy:Policy", "web-cpu-scaling").inputs as any).targetTrackingScalingPolicyConfiguration.targetValue, 50);
        assert.deepEqual(rec.get("aws:appautoscaling/scheduledAction:ScheduledAction", "web-schedule-night").inputs.scalableTargetAction, { minCapacity: 1 });
    });

    it("tags every taggable child", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", autoscaling: { minCapacity: 1, maxCapacity: 2 }, tags: { team: "web" } }));
        const untaggable = new Set(["aws:iam/rolePolicy:RolePolicy", "aws:appautoscaling/policy:Policy"]);
        const children = rec.resources.filter((r) => r.custom && !untaggable.has(r.type));
        assert.ok(children.length >= 15);
        for (const child of children) {
            assert.deepEqual(child.inputs.tags, { team: "web" }, `${child.type} ${child.name}`);
        }
    });

    it("keeps load balancer and target group names within 32 characters for a long component name", async () => {
        const long = "a-very-long-component-name-for-the-checkout-service";
        const rec = await record(() => new WebService(long, BASE));
        for (const type of ["aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup"]) {
            const name = rec.ofType(type)[0].inputs.name as string;
            assert.ok(name.length <= 32 && /^[A-Za-z0-9-]+$/.test(name) && !name.endsWith("-"), name);
        }
        assert.ok(rec.ofType("aws:iam/role:Role").every((r) => (r.inputs.name as string).length <= 64));
    });

    it("never names a load balancer with the reserved internal- prefix", async () => {
        for (const component of ["internal-api", "Internal-API", "internal", "-internal-x"]) {
            const rec = await record(() => new WebService(component, BASE));
            const name = rec.get("aws:lb/loadBalancer:LoadBalancer", `${component}-alb`).inputs.name as string;
            assert.ok(!/^internal-/i.test(name) && name.length <= 32 && /^[A-Za-z0-9-]+$/.test(name) && !name.startsWith("-"), name);
        }
        const plain = await record(() => new WebService("api", BASE));
        assert.match(plain.get("aws:lb/loadBalancer:LoadBalancer", "api-alb").inputs.name as string, /^api-[0-9a-f]{7}$/);
    });

    it("renames the target group whenever an input that replaces it changes: port or VPC", async () => {
        const nameOf = async (args: WebServiceArgs) =>
            (await record(() => new WebService("web", args))).get("aws:lb/targetGroup:TargetGroup", "web-tg").inputs.name as string;
        const base = await nameOf(BASE);
        assert.notEqual(await nameOf({ ...BASE, containerPort: 8080 }), base);
        assert.notEqual(await nameOf({ ...BASE, vpcId: "vpc-2" }), base);
        assert.equal(await nameOf({ ...BASE, healthCheck: { path: "/health" } }), base, "an in-place change keeps the name");
        assert.equal(targetGroupName("web", 80, "vpc-1"), base);
    });

    it("lets two instances live side by side without a shared physical name", async () => {
        const rec = await record(() => { new WebService("web", BASE); new WebService("api", BASE); });
        const names = rec.resources.filter((r) => r.custom && typeof r.inputs.name === "string").map((r) => r.inputs.name);
        assert.equal(new Set(names).size, names.length);
    });

    it("gives the same component different physical names in different stacks", async () => {
        const dev = await record(() => new WebService("web", BASE), { stack: "dev" });
        const devName = dev.get("aws:lb/loadBalancer:LoadBalancer", "web-alb").inputs.name;
        const prod = await record(() => new WebService("web", BASE), { stack: "prod" });
        assert.notEqual(prod.get("aws:lb/loadBalancer:LoadBalancer", "web-alb").inputs.name, devName);
    });

    it("constructs in a preview while the image and cluster are still unknown", async () => {
        const rec = await record(() => {
            const { FargateCluster, Registry } = require("../../components");
            const cluster = new FargateCluster("main", {});
            const registry = new Registry("app", { build: { context: "./app" } });
            new WebService("web", { clusterArn: cluster.clusterArn, vpcId: cluster.vpcId, subnetIds: cluster.privateSubnetIds, loadBalancerSubnetIds: cluster.publicSubnetIds, image: registry.imageUri });
        }, { preview: true });
        assert.deepEqual(childrenOf(rec, "web"), DEFAULT_CHILDREN);
    });

    it("rejects an invalid CPU/memory pair before creating anything", async () => {
        const { error, recorder } = await constructionError(() => new WebService("web", { ...BASE, cpu: 256, memory: 4096 }));
        assert.equal(error.message, 'Invalid arguments for WebService "web":\n  - `memory` 4096 MiB is not valid with `cpu` 256; Fargate accepts 512, 1024 or 2048 MiB for 256 CPU units.');
        assert.deepEqual(recorder.resources.map((r) => r.urn), [], "not even the component is registered");
    });
});

describe("WebService validation", () => {
    const cases: [string, Partial<WebServiceArgs>, string][] = [
        ["an unknown CPU size", { cpu: 300 }, "`cpu` 300 is not a Fargate CPU size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384 (CPU units, 1024 = 1 vCPU)."],
        ["memory off the step", { cpu: 1024, memory: 2500 }, "`memory` 2500 MiB is not valid with `cpu` 1024; Fargate accepts 2048 to 8192 MiB in steps of 1024 for 1024 CPU units."],
        ["port zero", { containerPort: 0 }, "`containerPort` 0 is not valid; use a whole number from 1 to 65535."],
        ["a secret that is not an ARN", { secrets: { DB: "hunter2" } }, '`secrets.DB` "hunter2" is not an ARN of secretsmanager or ssm; use one such as "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf".'],
        ["a variable in both maps", { environment: { DB: "x" }, secrets: { DB: "arn:aws:ssm:us-east-1:123456789012:parameter/db" } }, "`DB` is in both `environment` and `secrets`; keep it in `secrets` only."],
        ["a bad variable name", { environment: { "1X": "a" } }, '`environment` key "1X" is not an environment variable name; use letters, digits and "_", not starting with a digit.'],
        ["a relative writable path", { writablePaths: ["tmp"] }, '`writablePaths[0]` "tmp" is not an absolute folder path; use one such as "/tmp".'],
        ["an odd log retention", { logRetentionDays: 10 }, "`logRetentionDays` 10 is not a CloudWatch retention; use one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps logs forever)."],
        ["a bad CIDR", { allowedCidrs: ["10.0.0.0"] }, '`allowedCidrs[0]` "10.0.0.0" is not a CIDR block; use an address range such as "10.0.0.0/16" or "::/0".'],
        ["no allowed CIDRs", { allowedCidrs: [] }, '`allowedCidrs` is empty; give at least one CIDR block, e.g. "0.0.0.0/0".'],
        ["a health path without a slash", { healthCheck: { path: "health" } }, '`healthCheck.path` "health" is not a URL path; use one starting with "/", without spaces, of at most 1024 characters, e.g. "/health".'],
        ["a timeout as long as the interval", { healthCheck: { intervalSeconds: 5, timeoutSeconds: 5 } }, "`healthCheck.timeoutSeconds` 5 must be less than `healthCheck.intervalSeconds` 5; shorten the timeout or lengthen the interval."],
        ["an interval at the default timeout", { healthCheck: { intervalSeconds: 5 } }, "`healthCheck.timeoutSeconds` 5 (the default) must be less than `healthCheck.intervalSeconds` 5; shorten the timeout or lengthen the interval."],
        ["a timeout beyond the default interval", { healthCheck: { timeoutSeconds: 12 } }, "`healthCheck.timeoutSeconds` 12 must be less than `healthCheck.intervalSeconds` 10 (the default); shorten the timeout or lengthen the interval."],
        ["ECS Exec on a read-only root", { enableExecuteCommand: true, readonlyRootFilesystem: true }, "`readonlyRootFilesystem` true cannot be combined with `enableExecuteCommand` true: ECS Exec's SSM agent must write to the root file system. Drop `readonlyRootFilesystem` (it then defaults to false) or turn `enableExecuteCommand` off."],
        ["a session key without ECS Exec", { executeCommandKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" }, "`executeCommandKmsKeyArn` is only used by ECS Exec; set `enableExecuteCommand` to true, or drop `executeCommandKmsKeyArn`."],
        ["a session key alias", { enableExecuteCommand: true, executeCommandKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/exec" }, '`executeCommandKmsKeyArn` "arn:aws:kms:us-east-1:123456789012:alias/exec" is not the ARN of a KMS key; use the key\'s ARN (not an alias), e.g. "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".'],
        ["a secrets key that is not a key ARN", { secrets: { DB: "arn:aws:ssm:us-east-1:123456789012:parameter/db" }, secretsKmsKeyArns: ["alias/aws/ssm"] }, '`secretsKmsKeyArns[0]` "alias/aws/ssm" is not the ARN of a KMS key; use the key\'s ARN (not an alias), e.g. "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".'],
        ["secrets keys without secrets", { secretsKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/abc"] }, "`secretsKmsKeyArns` is given but `secrets` is empty; list the secrets those keys encrypt, or drop `secretsKmsKeyArns`."],
        ["a URL as the domain name", { domainName: "https://app.example.com" }, '`domainName` "https://app.example.com" is not a domain name; use one such as "app.example.com" (letters, digits and "-" in dot-separated labels of at most 63 characters, no scheme, path or wildcard).'],
        ["a wildcard domain name", { domainName: "*.example.com" }, '`domainName` "*.example.com" is not a domain name; use one such as "app.example.com" (letters, digits and "-" in dot-separated labels of at most 63 characters, no scheme, path or wildcard).'],
        ["a bad matcher", { healthCheck: { matcher: "OK" } }, '`healthCheck.matcher` "OK" is not a list of HTTP codes; use e.g. "200", "200-299" or "200,302".'],
        ["one load balancer subnet", { loadBalancerSubnetIds: ["subnet-a"] }, "`loadBalancerSubnetIds` has 1 subnet; an application load balancer needs subnets in at least two availability zones."],
        ["a maximum not above the minimum", { deployment: { minimumHealthyPercent: 100, maximumPercent: 100 } }, "`deployment.maximumPercent` 100 must be above `deployment.minimumHealthyPercent` 100, or a deploy can never start a new task."],
        ["a desired count outside the scaling range", { desiredCount: 9, autoscaling: { minCapacity: 1, maxCapacity: 4 } }, "`desiredCount` 9 is outside the autoscaling range 1 to 4; choose a count within it (minCapacity ≤ desiredCount ≤ maxCapacity)."],
        ["a minimum above the maximum", { autoscaling: { minCapacity: 5, maxCapacity: 2 } }, "`autoscaling.minCapacity` 5 is above `autoscaling.maxCapacity` 2; the minimum must not exceed the maximum."],
        ["a schedule that is not cron/rate/at", { autoscaling: { minCapacity: 1, maxCapacity: 2, schedules: [{ name: "n", schedule: "0 8 * * *", minCapacity: 1 }] } }, '`autoscaling.schedules[0].schedule` "0 8 * * *" is not a schedule; use "cron(…)", "rate(…)" or "at(…)", e.g. "cron(0 8 ? * MON-FRI *)".'],
        ["an administrator policy", { taskRolePolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }, '`taskRolePolicyArns[0]` "arn:aws:iam::aws:policy/AdministratorAccess" grants administrator-level access; attach a policy with only the permissions the app needs.'],
        ["a * on * policy document", { taskRolePolicyJson: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }) }, '`taskRolePolicyJson` allows "s3:*" on every resource ("*"); grant the specific actions the app needs on the specific resources it uses.'],
        ["a policy that is not JSON", { taskRolePolicyJson: "{" }, '`taskRolePolicyJson` is not valid JSON; give an IAM policy document such as {"Version":"2012-10-17","Statement":[…]}.'],
        ["a non-ACM certificate", { certificateArn: "arn:aws:iam::123456789012:server-certificate/x" }, '`certificateArn` "arn:aws:iam::123456789012:server-certificate/x" is not an ARN of acm; use one such as "arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab".'],
        ["a bad service name", { serviceName: "my service" }, '`serviceName` "my service" is not a valid ECS name; use 1 to 255 letters, digits, "-" or "_".'],
        ["a cluster that is not an ECS ARN", { clusterArn: "main" }, '`clusterArn` "main" is not an ARN of ecs; use one such as "arn:aws:ecs:us-east-1:123456789012:cluster/main".'],
        ["a missing image", { image: "" }, '`image` "" is empty; give the container image to run (e.g. a Registry\'s imageUri).'],
        ["an unknown architecture", { architecture: "ARM" as any }, '`architecture` "ARM" is not valid; use one of "X86_64", "ARM64".'],
    ];
    for (const [what, change, message] of cases) {
        it(`rejects ${what}`, () => {
            assert.deepEqual(validateWebServiceArgs({ ...BASE, ...change } as WebServiceArgs).filter(Boolean), [message]);
        });
    }

    it("accepts the defaults", () => {
        assert.deepEqual(validateWebServiceArgs(BASE).filter(Boolean), []);
    });
});
