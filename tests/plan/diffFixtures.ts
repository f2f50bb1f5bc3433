/**
 * A stack shaped like Registry → FargateCluster → WebService, built with `FixtureStack` from one set of options, so
 * that a test builds the base and the head of a change from two option sets and compares them.
 */
import { RecordedResource } from "../../sim/types";
import { FixtureStack } from "./fixtures/resources";

export interface ChangeStackOptions {
    imageTag?: string;
    kmsKeyArn?: string;
    natGateways?: number;
    targetGroupName?: string;
    allowedCidrs?: string[];
    desiredCount?: number;
    cpu?: string;
    memory?: string;
    clusterStrategy?: Array<{ capacityProvider: string; base?: number; weight?: number }>;
    /** ECS native blue/green (`deploymentConfiguration.strategy = "BLUE_GREEN"`), bake time in minutes as `@pulumi/aws` 7.48 types it (a string). */
    blueGreenBakeMinutes?: string;
    deregistrationDelay?: number;
    minimumHealthyPercent?: number;
    execPolicyActions?: string[];
    /** The service's own capacity provider strategy, as WebService sets it. */
    serviceStrategy?: Array<{ capacityProvider: string; base?: number; weight?: number }>;
    forceNewDeployment?: boolean;
    /** The tasks' subnets share a route table; with a NAT gateway it gets a default route through it. */
    routeTable?: boolean;
    /** The service waits for (depends on) that default route. */
    serviceWaitsForRoute?: boolean;
}

export const KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

export function changeStack(o: ChangeStackOptions = {}): { resources: RecordedResource[]; named: Record<string, RecordedResource> } {
    const fx = new FixtureStack("shop", "dev");
    const registry = fx.component("ecs-fargate:index:Registry", "app");
    const repo = fx.add("aws:ecr/repository:Repository", "app", {
        name: "app", imageTagMutability: "IMMUTABLE",
        encryptionConfigurations: [o.kmsKeyArn ? { encryptionType: "KMS", kmsKey: o.kmsKeyArn } : { encryptionType: "AES256" }],
    }, { parent: registry });
    const image = fx.add("docker:index/image:Image", "app-image", { imageName: `${repo.outputs.repositoryUrl}:${o.imageTag ?? "v1"}` }, { parent: registry, deps: { imageName: [repo] } });

    const clusterC = fx.component("ecs-fargate:index:FargateCluster", "main");
    const vpc = fx.add("aws:ec2/vpc:Vpc", "main-vpc", { cidrBlock: "10.0.0.0/16" }, { parent: clusterC });
    const subnets = [1, 2].map((i) => fx.add("aws:ec2/subnet:Subnet", `main-public-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24` }, { parent: clusterC, deps: { vpcId: [vpc] } }));
    const named: Record<string, RecordedResource> = { repo, image, vpc };
    for (let i = 0; i < (o.natGateways ?? 0); i++) {
        const eip = fx.add("aws:ec2/eip:Eip", `main-nat-${i + 1}-eip`, { domain: "vpc" }, { parent: clusterC });
        named[`nat${i + 1}`] = fx.add("aws:ec2/natGateway:NatGateway", `main-nat-${i + 1}`, { allocationId: eip.id, subnetId: subnets[i].id }, { parent: clusterC, deps: { allocationId: [eip], subnetId: [subnets[i]] } });
        named[`eip${i + 1}`] = eip;
    }
    if (o.routeTable) {
        const table = fx.add("aws:ec2/routeTable:RouteTable", "main-tasks-rt", { vpcId: vpc.id }, { parent: clusterC, deps: { vpcId: [vpc] } });
        subnets.forEach((subnet, i) => fx.add("aws:ec2/routeTableAssociation:RouteTableAssociation", `main-tasks-${i + 1}-rta`, { subnetId: subnet.id, routeTableId: table.id }, { parent: clusterC, deps: { subnetId: [subnet], routeTableId: [table] } }));
        if (named.nat1) {
            named.route = fx.add("aws:ec2/route:Route", "main-tasks-default-route", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: named.nat1.id }, { parent: clusterC, deps: { routeTableId: [table], natGatewayId: [named.nat1] } });
        }
    }
    const cluster = fx.add("aws:ecs/cluster:Cluster", "main", { name: "demo-cluster" }, { parent: clusterC });
    fx.add("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "main-capacity", {
        clusterName: "demo-cluster", capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategies: o.clusterStrategy ?? [{ capacityProvider: "FARGATE", base: 1, weight: 1 }],
    }, { parent: clusterC, deps: { clusterName: [cluster] } });

    const web = fx.component("ecs-fargate:index:WebService", "web");
    const logs = fx.add("aws:cloudwatch/logGroup:LogGroup", "web-logs", { retentionInDays: 30 }, { parent: web });
    const execRole = fx.add("aws:iam/role:Role", "web-exec-role", {
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    }, { parent: web });
    const execPolicy = fx.add("aws:iam/rolePolicy:RolePolicy", "web-exec-policy", {
        role: execRole.id,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: o.execPolicyActions ?? ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: repo.outputs.arn }] }),
    }, { parent: web, deps: { role: [execRole], policy: [repo] } });
    const lbSg = fx.add("aws:ec2/securityGroup:SecurityGroup", "web-lb-sg", { description: "web load balancer", vpcId: vpc.id }, { parent: web, deps: { vpcId: [vpc] } });
    const rules = (o.allowedCidrs ?? ["10.0.0.0/8"]).map((cidr, i) => fx.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `web-lb-in-80-${i + 1}`, {
        securityGroupId: lbSg.id, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: cidr,
    }, { parent: web, deps: { securityGroupId: [lbSg] } }));
    const tg = fx.add("aws:lb/targetGroup:TargetGroup", "web-tg", {
        name: o.targetGroupName ?? "web-tg-http-8080", port: 8080, protocol: "HTTP", targetType: "ip", vpcId: vpc.id,
        healthCheck: { path: "/health", interval: 10, healthyThreshold: 2 },
        deregistrationDelay: o.deregistrationDelay ?? 30,
    }, { parent: web, deps: { vpcId: [vpc] } });
    const alb = fx.add("aws:lb/loadBalancer:LoadBalancer", "web-alb", {
        name: "web-alb", loadBalancerType: "application", internal: false, subnets: subnets.map((s) => s.id), securityGroups: [lbSg.id],
    }, { parent: web, deps: { subnets, securityGroups: [lbSg] } });
    const listener = fx.add("aws:lb/listener:Listener", "web-http", {
        loadBalancerArn: FixtureStack.arn(alb), port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: FixtureStack.arn(tg) }],
    }, { parent: web, deps: { loadBalancerArn: [alb], defaultActions: [tg] } });
    const td = fx.add("aws:ecs/taskDefinition:TaskDefinition", "web-task", {
        family: "web", cpu: o.cpu ?? "256", memory: o.memory ?? "512", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
        executionRoleArn: FixtureStack.arn(execRole),
        containerDefinitions: JSON.stringify([{ name: "app", image: image.outputs.repoDigest, stopTimeout: 10 }]),
    }, { parent: web, deps: { executionRoleArn: [execRole], containerDefinitions: [image, logs] } });
    const serviceInputs: Record<string, unknown> = {
        name: "web", cluster: FixtureStack.arn(cluster), taskDefinition: FixtureStack.arn(td), desiredCount: o.desiredCount ?? 2,
        networkConfiguration: { subnets: subnets.map((s) => s.id), assignPublicIp: true },
        loadBalancers: [{ targetGroupArn: FixtureStack.arn(tg), containerName: "app", containerPort: 8080 }],
        healthCheckGracePeriodSeconds: 30, deploymentController: { type: "ECS" },
        deploymentCircuitBreaker: { enable: true, rollback: true },
    };
    if (o.serviceStrategy !== undefined) {
        serviceInputs.capacityProviderStrategies = o.serviceStrategy;
    }
    if (o.forceNewDeployment !== undefined) {
        serviceInputs.forceNewDeployment = o.forceNewDeployment;
    }
    if (o.minimumHealthyPercent !== undefined) {
        serviceInputs.deploymentMinimumHealthyPercent = o.minimumHealthyPercent;
    }
    if (o.blueGreenBakeMinutes !== undefined) {
        serviceInputs.deploymentConfiguration = { strategy: "BLUE_GREEN", bakeTimeInMinutes: o.blueGreenBakeMinutes };
    }
    const service = fx.add("aws:ecs/service:Service", "web", serviceInputs, {
        parent: web, deps: { cluster: [cluster], taskDefinition: [td], loadBalancers: [tg], networkConfiguration: subnets },
        dependsOn: o.serviceWaitsForRoute && named.route ? [listener, named.route] : [listener],
    });
    Object.assign(named, { cluster, logs, execRole, execPolicy, lbSg, tg, alb, listener, td, service });
    rules.forEach((r, i) => (named[`rule${i + 1}`] = r));
    return { resources: fx.resources, named };
}
