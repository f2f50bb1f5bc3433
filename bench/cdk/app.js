// The dev stack's architecture written with AWS CDK, for bench/plan.ts to time `cdk synth` of it beside the plan:
// an ECR repository with immutable tags, scan on push and a lifecycle rule; the app image as a Docker asset (ARM64);
// a two-zone VPC without NAT; an ECS cluster with Container Insights; an ApplicationLoadBalancedFargateService of
// one 0.25 vCPU / 0.5 GB ARM64 task in the public subnets with a public IP, on 8080 with /health, the circuit
// breaker with rollback, and logs kept 30 days. Plain JavaScript run by `node`, CDK's fastest way to synthesize.
//
//   BENCH_CDK_DIR=<folder with aws-cdk-lib installed> node bench/cdk/app.js <cloud assembly folder> <app folder>
"use strict";
const path = require("path");
const { createRequire } = require("module");

const cdkRequire = createRequire(path.resolve(process.env.BENCH_CDK_DIR, "package.json"));
// Each service module on its own, not the aws-cdk-lib barrel, which loads every service: CDK at its quickest.
const cdk = cdkRequire("aws-cdk-lib/core");
const ec2 = cdkRequire("aws-cdk-lib/aws-ec2");
const ecr = cdkRequire("aws-cdk-lib/aws-ecr");
const assets = cdkRequire("aws-cdk-lib/aws-ecr-assets");
const ecs = cdkRequire("aws-cdk-lib/aws-ecs");
const patterns = cdkRequire("aws-cdk-lib/aws-ecs-patterns");
const logs = cdkRequire("aws-cdk-lib/aws-logs");

const [outdir, appDir] = process.argv.slice(2);
const app = new cdk.App({ outdir });
const stack = new cdk.Stack(app, "ecs-fargate-demo-dev", { env: { account: "123456789012", region: "us-east-1" } });

new ecr.Repository(stack, "app", {
    repositoryName: "devops-ecr",
    imageTagMutability: ecr.TagMutability.IMMUTABLE,
    imageScanOnPush: true,
    lifecycleRules: [{ maxImageCount: 30 }],
});
const image = new assets.DockerImageAsset(stack, "app-image", { directory: appDir, platform: assets.Platform.LINUX_ARM64 });

const vpc = new ec2.Vpc(stack, "main-vpc", {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC },
        { name: "private", subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
});
const cluster = new ecs.Cluster(stack, "main", { vpc, clusterName: "devops-cluster", containerInsightsV2: ecs.ContainerInsights.ENABLED });

const web = new patterns.ApplicationLoadBalancedFargateService(stack, "web", {
    cluster,
    serviceName: "devops-service",
    cpu: 256,
    memoryLimitMiB: 512,
    desiredCount: 1,
    publicLoadBalancer: true,
    assignPublicIp: true,
    taskSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    circuitBreaker: { rollback: true },
    taskImageOptions: {
        image: ecs.ContainerImage.fromDockerImageAsset(image),
        containerPort: 8080,
        family: "devops-taskdefinition",
        environment: { GREETING: "Hello from the dev stack" },
        logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: "web", logRetention: logs.RetentionDays.ONE_MONTH }),
    },
});
web.targetGroup.configureHealthCheck({ path: "/health" });

app.synth();
