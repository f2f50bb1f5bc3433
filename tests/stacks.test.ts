import { strict as assert } from "assert";
import { loadStack, runStack } from "../plan/stack";
import { RecordedResource } from "../harness/types";

function countByType(resources: RecordedResource[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

function one(resources: RecordedResource[], type: string): RecordedResource {
    const found = resources.filter((r) => r.type === type);
    assert.equal(found.length, 1, `one ${type}`);
    return found[0];
}

describe("the dev stack", () => {
    let resources: RecordedResource[];
    before(async () => {
        resources = (await runStack(loadStack(".", "dev"))).resources;
    });

    it("creates the classic lab's resources and no NAT gateway", () => {
        assert.deepEqual(countByType(resources), {
            "pulumi:pulumi:Stack": 1,
            "ecs-fargate:index:Registry": 1, "ecs-fargate:index:FargateCluster": 1, "ecs-fargate:index:WebService": 1,
            "aws:ecr/repository:Repository": 1, "aws:ecr/lifecyclePolicy:LifecyclePolicy": 1, "docker:index/image:Image": 1,
            "aws:ecs/cluster:Cluster": 1, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": 1,
            "aws:ec2/vpc:Vpc": 1, "aws:ec2/internetGateway:InternetGateway": 1, "aws:ec2/subnet:Subnet": 4,
            "aws:ec2/routeTable:RouteTable": 3, "aws:ec2/route:Route": 1, "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
            "aws:cloudwatch/logGroup:LogGroup": 1, "aws:iam/role:Role": 2, "aws:iam/rolePolicy:RolePolicy": 1,
            "aws:ecs/taskDefinition:TaskDefinition": 1, "aws:ecs/service:Service": 1,
            "aws:ec2/securityGroup:SecurityGroup": 2, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 2,
            "aws:lb/loadBalancer:LoadBalancer": 1, "aws:lb/targetGroup:TargetGroup": 1, "aws:lb/listener:Listener": 1,
        });
    });

    it("uses the lab's names: devops-ecr, devops-cluster, devops-taskdefinition, devops-service", () => {
        assert.equal(one(resources, "aws:ecr/repository:Repository").inputs.name, "devops-ecr");
        assert.equal(one(resources, "aws:ecs/cluster:Cluster").inputs.name, "devops-cluster");
        assert.equal(one(resources, "aws:ecs/taskDefinition:TaskDefinition").inputs.family, "devops-taskdefinition");
        assert.equal(one(resources, "aws:ecs/service:Service").inputs.name, "devops-service");
    });

    it("runs one ARM64 task with a public IP in the public subnets, from the image built for arm64", () => {
        const service = one(resources, "aws:ecs/service:Service").inputs as any;
        const publicSubnets = resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.name.includes("public")).map((r) => r.id).sort();
        assert.equal(service.desiredCount, 1);
        assert.equal(service.networkConfiguration.assignPublicIp, true);
        assert.deepEqual([...service.networkConfiguration.subnets].sort(), publicSubnets);
        const task = one(resources, "aws:ecs/taskDefinition:TaskDefinition").inputs as any;
        assert.equal(task.runtimePlatform.cpuArchitecture, "ARM64");
        const image = one(resources, "docker:index/image:Image");
        assert.equal((image.inputs.build as any).platform, "linux/arm64");
        assert.equal(JSON.parse(task.containerDefinitions)[0].image, image.outputs.repoDigest);
    });
});

describe("the prod stack", () => {
    let resources: RecordedResource[];
    before(async () => {
        resources = (await runStack(loadStack(".", "prod"))).resources;
    });

    it("puts tasks in private subnets behind a NAT gateway per zone, with no public IP", () => {
        assert.equal(resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").length, 3);
        const service = one(resources, "aws:ecs/service:Service").inputs as any;
        const privateSubnets = resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.name.includes("private")).map((r) => r.id).sort();
        assert.deepEqual([...service.networkConfiguration.subnets].sort(), privateSubnets);
        assert.equal(service.networkConfiguration.assignPublicIp, false);
    });

    it("serves HTTPS with an HTTP redirect, behind WAF, with access logs and deletion protection", () => {
        const listeners = resources.filter((r) => r.type === "aws:lb/listener:Listener").map((r) => `${r.inputs.protocol}:${r.inputs.port}:${(r.inputs.defaultActions as any)[0].type}`).sort();
        assert.deepEqual(listeners, ["HTTP:80:redirect", "HTTPS:443:forward"]);
        const lb = one(resources, "aws:lb/loadBalancer:LoadBalancer").inputs as any;
        assert.equal(lb.enableDeletionProtection, true);
        assert.deepEqual(lb.accessLogs, { bucket: "example-prod-alb-access-logs", enabled: true, prefix: "web" });
        assert.equal(resources.filter((r) => r.type === "aws:wafv2/webAclAssociation:WebAclAssociation").length, 1);
    });

    it("runs two or more tasks with autoscaling and keeps KMS-encrypted logs for a year", () => {
        assert.equal((one(resources, "aws:ecs/service:Service").inputs as any).desiredCount, 2);
        const target = one(resources, "aws:appautoscaling/target:Target").inputs;
        assert.deepEqual([target.minCapacity, target.maxCapacity], [2, 6]);
        assert.equal(resources.filter((r) => r.type === "aws:appautoscaling/policy:Policy").length, 2);
        assert.equal(resources.filter((r) => r.type === "aws:appautoscaling/scheduledAction:ScheduledAction").length, 2);
        const logs = one(resources, "aws:cloudwatch/logGroup:LogGroup").inputs;
        assert.equal(logs.retentionInDays, 365);
        assert.match(logs.kmsKeyId as string, /^arn:aws:kms:/);
        assert.deepEqual(one(resources, "aws:ecr/repository:Repository").inputs.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555" }]);
    });
});

describe("the demo program's image", () => {
    /** The dev stack with its config changed: `registry` replaced, and other keys set. */
    function devWith(registry: object, extra: Record<string, string> = {}) {
        const dev = loadStack(".", "dev");
        return { ...dev, config: { ...dev.config, "ecs-fargate:registry": JSON.stringify(registry), ...extra } };
    }

    it("refuses to run with neither a registry build nor an image, naming both config keys, before creating anything", async () => {
        await assert.rejects(runStack(devWith({ repositoryName: "devops-ecr" })), (e: Error) => {
            assert.match(e.message, /The service has no image: set `ecs-fargate:registry` `build` .* or `ecs-fargate:image` to run an existing one/);
            return true;
        });
    });

    it("runs the image named in ecs-fargate:image when nothing is built", async () => {
        const { resources } = await runStack(devWith({ repositoryName: "devops-ecr" }, { "ecs-fargate:image": "public.ecr.aws/nginx/nginx:1.27" }));
        const task = one(resources, "aws:ecs/taskDefinition:TaskDefinition").inputs;
        assert.equal(JSON.parse(task.containerDefinitions as string)[0].image, "public.ecr.aws/nginx/nginx:1.27");
        assert.equal(resources.filter((r) => r.type === "docker:index/image:Image").length, 0);
    });

    it("refuses a build and an image together", async () => {
        await assert.rejects(runStack(devWith({ build: { context: "./app" } }, { "ecs-fargate:image": "nginx:1.27" })), /The service has two images/);
    });
});

describe("the prod stack's URL", () => {
    it("is https on the domain name its certificate covers, not on the load balancer's DNS name", async () => {
        const { outputs } = await runStack(loadStack(".", "prod"));
        assert.equal(outputs.url, "https://web.example.com");
    });
});

describe("the demo program's ECS Exec", () => {
    it("lets a prod service with ECS Exec decrypt sessions with the cluster's key", async () => {
        const prod = loadStack(".", "prod");
        const service = { ...JSON.parse(prod.config["ecs-fargate:service"]), enableExecuteCommand: true };
        const { resources } = await runStack({ ...prod, config: { ...prod.config, "ecs-fargate:service": JSON.stringify(service) } });
        const key = JSON.parse(prod.config["ecs-fargate:cluster"]).executeCommandKmsKeyArn;
        const policy = resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "web-exec-command-policy")!;
        const statements = JSON.parse(policy.inputs.policy as string).Statement;
        assert.deepEqual(statements.find((st: any) => st.Sid === "EcsExecDecryptSessions"), { Sid: "EcsExecDecryptSessions", Effect: "Allow", Action: "kms:Decrypt", Resource: key });
    });
});
