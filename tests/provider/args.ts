/**
 * Component arguments for the provider tests, in wire form (plain JSON, enumerations as their string values), so
 * the very same objects go through `Construct` and into the in-process constructors.
 */

export const CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/main";
export const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/** A WebService's required arguments only. */
export const WEB_REQUIRED = {
    clusterArn: CLUSTER_ARN,
    vpcId: "vpc-0a1b2c3d",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    loadBalancerSubnetIds: ["subnet-public-a", "subnet-public-b"],
    image: IMAGE,
};

/** A WebService with every argument set. */
export const WEB_FULL = {
    ...WEB_REQUIRED,
    cpu: 1024,
    memory: 2048,
    architecture: "X86_64",
    desiredCount: 2,
    containerPort: 8080,
    environment: { GREETING: "hello", LOG_LEVEL: "info" },
    secrets: {
        DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf",
        API_KEY: "arn:aws:ssm:us-east-1:123456789012:parameter/app/api-key",
    },
    secretsKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/22222222-3333-4444-5555-666666666666"],
    // ECS Exec needs a writable root: `true` here would be rejected.
    readonlyRootFilesystem: false,
    writablePaths: ["/tmp", "/var/cache/app"],
    user: "1000:1000",
    logRetentionDays: 90,
    logKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
    retainLogsOnDelete: false,
    taskRolePolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    taskRolePolicyJson: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:jobs" }],
    }),
    enableExecuteCommand: true,
    executeCommandKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/33333333-4444-5555-6666-777777777777",
    serviceName: "api",
    family: "api-task",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9",
    domainName: "api.example.com",
    internal: false,
    allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"],
    healthCheck: { path: "/health", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3, matcher: "200" },
    healthCheckGracePeriodSeconds: 30,
    deregistrationDelaySeconds: 10,
    deletionProtection: true,
    accessLogsBucket: "api-alb-logs",
    webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
    assignPublicIp: false,
    deployment: { minimumHealthyPercent: 50, maximumPercent: 200, rollback: true, waitForSteadyState: false },
    capacity: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 3 },
    autoscaling: {
        minCapacity: 2,
        maxCapacity: 6,
        cpuTargetPercent: 60,
        memoryTargetPercent: 70,
        requestsPerTarget: 500,
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
        schedules: [{ name: "night", schedule: "cron(0 22 * * ? *)", minCapacity: 1, maxCapacity: 2, timezone: "Europe/Berlin" }],
    },
    tags: { team: "web", env: "test" },
};

/** A Registry with every argument set (the build uses the demo app). */
export const REGISTRY_FULL = {
    repositoryName: "full-repo",
    imageTagMutability: "MUTABLE",
    scanOnPush: false,
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
    lifecycle: { maxTaggedImages: 10, tagPrefixes: ["v", "release-"], untaggedExpiryDays: 3 },
    forceDelete: true,
    pullAccountIds: ["210987654321"],
    build: { context: "app", dockerfile: "Dockerfile", platform: "linux/arm64", args: { NODE_ENV: "production" }, tag: "v1" },
    tags: { team: "web" },
};

/** A FargateCluster that creates its network, with every argument set. */
export const CLUSTER_FULL = {
    clusterName: "full-cluster",
    containerInsights: "enhanced",
    capacity: { onDemandBase: 2, onDemandWeight: 1, spotWeight: 1 },
    availabilityZones: 3,
    cidrBlock: "10.20.0.0/16",
    natGateways: "OnePerAz",
    vpcEndpoints: true,
    secretsVpcEndpoints: true,
    executeCommandVpcEndpoints: true,
    executeCommandKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/33333333-4444-5555-6666-777777777777",
    serviceConnectNamespace: "internal.example",
    tags: { team: "platform" },
};

/** A FargateCluster in an existing network. */
export const CLUSTER_EXISTING_NETWORK = {
    vpcId: "vpc-existing",
    publicSubnetIds: ["subnet-pub-1", "subnet-pub-2"],
    privateSubnetIds: ["subnet-priv-1", "subnet-priv-2"],
};
