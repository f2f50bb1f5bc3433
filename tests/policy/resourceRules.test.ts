/**
 * Resource policies, one mutation of a compliant fixture per test: each way of breaking a rule is reported with
 * its exact message, on every type token the rule concerns, and nothing is reported for other resource types.
 */
import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { container, propsOf, runResource, typeOf, UNKNOWN } from "./fixtures";

interface Mutation {
    policy: string;
    /** What is broken, in plain words (the test's name). */
    what: string;
    /** The baseline resource mutated; or a type and props of its own. */
    subject: string | { type: string; props: Record<string, any> };
    mutate?: (props: Record<string, any>) => void;
    config?: object;
    expect: string[];
}

const byName = new Map(policies.map((p) => [p.name, p]));
function resourcePolicy(name: string): ResourceValidationPolicy {
    const p = byName.get(name);
    assert.ok(p && "validateResource" in p, `${name} is a resource policy`);
    return p as ResourceValidationPolicy;
}

/** Replaces the (single) container definition with the baseline container plus `changes` (undefined deletes). */
function withContainer(changes: Record<string, any>) {
    return (props: Record<string, any>) => {
        const c: Record<string, any> = { ...container(), ...changes };
        for (const [k, v] of Object.entries(changes)) {
            if (v === undefined) {
                delete c[k];
            }
        }
        props.containerDefinitions = JSON.stringify([c]);
    };
}

const CLASSIC = "aws:elb/loadBalancer:LoadBalancer";

/** The default `allowedSslPolicies` of `alb-listener-tls-policy`, as its messages list them. */
const ALLOWED_TLS = "ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-3-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09";

const mutations: Mutation[] = [
    // ECR
    { policy: "ecr-repository-immutable-tags", what: "imageTagMutability unset (MUTABLE)", subject: "app-repo", mutate: (p) => delete p.imageTagMutability,
        expect: ["`imageTagMutability` is MUTABLE (unset); set `imageTagMutability: \"IMMUTABLE\"`."] },
    { policy: "ecr-repository-immutable-tags", what: "MUTABLE", subject: "app-repo", mutate: (p) => (p.imageTagMutability = "MUTABLE"),
        expect: ["`imageTagMutability` is MUTABLE; set `imageTagMutability: \"IMMUTABLE\"`."] },
    { policy: "ecr-repository-immutable-tags", what: "IMMUTABLE_WITH_EXCLUSION by default", subject: "app-repo",
        mutate: (p) => { p.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION"; p.imageTagMutabilityExclusionFilters = [{ filter: "latest*", filterType: "WILDCARD" }]; },
        expect: ["`imageTagMutability` is IMMUTABLE_WITH_EXCLUSION; set `imageTagMutability: \"IMMUTABLE\"`."] },
    { policy: "ecr-repository-immutable-tags", what: "IMMUTABLE_WITH_EXCLUSION allowed but without filters", subject: "app-repo",
        mutate: (p) => (p.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION"), config: { allowImmutableWithExclusion: true },
        expect: ["`imageTagMutability` is IMMUTABLE_WITH_EXCLUSION without exclusion filters; set `imageTagMutabilityExclusionFilters` or use IMMUTABLE."] },
    { policy: "ecr-repository-immutable-tags", what: "an exclusion filter outside the allowed list", subject: "app-repo",
        mutate: (p) => { p.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION"; p.imageTagMutabilityExclusionFilters = [{ filter: "release-*", filterType: "WILDCARD" }]; },
        config: { allowImmutableWithExclusion: true, allowedExclusionFilters: ["latest*"] },
        expect: ["Exclusion filters [\"release-*\"] are not in the allowed list [\"latest*\"]; remove them or set `imageTagMutability: \"IMMUTABLE\"`."] },
    { policy: "ecr-repository-immutable-tags", what: "a mutable repository creation template", subject: { type: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", props: { prefix: "app", imageTagMutability: "MUTABLE" } },
        expect: ["`imageTagMutability` is MUTABLE; set `imageTagMutability: \"IMMUTABLE\"`."] },
    { policy: "ecr-repository-kms-encryption", what: "AES256 by default", subject: "app-repo", mutate: (p) => delete p.encryptionConfigurations,
        expect: ["`encryptionType` is AES256; set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <key ARN> }]`."] },
    { policy: "ecr-repository-kms-encryption", what: "the AWS managed KMS key", subject: "app-repo", mutate: (p) => (p.encryptionConfigurations = [{ encryptionType: "KMS" }]),
        expect: ["KMS encryption uses the AWS managed key; set `kmsKey` to a customer managed key ARN."] },
    { policy: "ecr-repository-kms-encryption", what: "a key outside the allowed list", subject: "app-repo", config: { allowedKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/other"] },
        expect: ["KMS key arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab is not in the allowed list; use one of [\"arn:aws:kms:us-east-1:123456789012:key/other\"]."] },
    { policy: "ecr-repository-policy-not-public", what: "Principal * without a condition", subject: "app-repo-policy",
        mutate: (p) => (p.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "ecr:*" }] })),
        expect: ["Statement 0 allows [\"ecr:*\"] to every principal; set `Principal` to specific accounts or add a `Condition`."] },
    { policy: "ecr-repository-policy-not-public", what: "Principal {AWS: *} in a registry policy", subject: { type: "aws:ecr/registryPolicy:RegistryPolicy", props: {
        policy: { Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["ecr:ReplicateImage"] }] } } },
        expect: ["Statement 0 allows [\"ecr:ReplicateImage\"] to every principal; set `Principal` to specific accounts or add a `Condition`."] },
    { policy: "ecr-repository-no-force-delete", what: "forceDelete", subject: "app-repo", mutate: (p) => (p.forceDelete = true),
        expect: ["`forceDelete` is true; remove it so images are not deleted with the stack."] },

    // ECS task definition
    { policy: "ecs-taskdef-awsvpc-network-mode", what: "networkMode unset (bridge)", subject: "app-task", mutate: (p) => delete p.networkMode,
        expect: ["`networkMode` is unset (bridge); set `networkMode: \"awsvpc\"`."] },
    { policy: "ecs-taskdef-awsvpc-network-mode", what: "host network mode, with container definitions unknown", subject: "app-task",
        mutate: (p) => { p.networkMode = "host"; p.containerDefinitions = UNKNOWN; },
        expect: ["`networkMode` is host; set `networkMode: \"awsvpc\"`."] },
    { policy: "ecs-taskdef-fargate-compatible", what: "EC2 compatibility only", subject: "app-task", mutate: (p) => (p.requiresCompatibilities = ["EC2"]),
        expect: ["`requiresCompatibilities` is [\"EC2\"]; include \"FARGATE\"."] },
    { policy: "ecs-taskdef-fargate-compatible", what: "an invalid cpu/memory pair", subject: "app-task", mutate: (p) => (p.memory = "3000"),
        expect: ["`memory` 3000 MiB is not valid with `cpu` 256 on Fargate; pick a supported cpu/memory pair."] },
    { policy: "ecs-taskdef-fargate-compatible", what: "no runtime platform", subject: "app-task", mutate: (p) => delete p.runtimePlatform,
        expect: ["`runtimePlatform.operatingSystemFamily` is unset; set it (for example \"LINUX\") with `cpuArchitecture`."] },
    { policy: "ecs-taskdef-no-privileged-containers", what: "a privileged container", subject: "app-task", mutate: withContainer({ privileged: true }),
        expect: ["container \"app\" is privileged; remove `privileged: true`."] },
    { policy: "ecs-taskdef-readonly-root-filesystem", what: "a writable root filesystem", subject: "app-task", mutate: withContainer({ readonlyRootFilesystem: undefined }),
        expect: ["container \"app\" has a writable root filesystem; set `readonlyRootFilesystem: true`."] },
    { policy: "ecs-taskdef-non-root-user", what: "no user", subject: "app-task", mutate: withContainer({ user: undefined }),
        expect: ["container \"app\" runs as the image's default user; set `user` to a non-root user such as \"1000:1000\"."] },
    { policy: "ecs-taskdef-non-root-user", what: "the root group", subject: "app-task", mutate: withContainer({ user: "1000:0" }),
        expect: ["container \"app\" runs as \"1000:0\"; set `user` to a non-root user such as \"1000:1000\"."] },
    { policy: "ecs-taskdef-non-root-user", what: "ContainerAdministrator on Windows", subject: "app-task",
        mutate: (p) => { p.runtimePlatform = { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" }; withContainer({ user: "ContainerAdministrator" })(p); },
        expect: ["container \"app\" runs as \"ContainerAdministrator\"; set `user` to a non-root user such as \"1000:1000\"."] },
    { policy: "ecs-taskdef-no-host-pid", what: "pidMode host (task level)", subject: "app-task", mutate: (p) => (p.pidMode = "host"),
        expect: ["`pidMode` is \"host\"; remove it or set `pidMode: \"task\"`."] },
    { policy: "ecs-taskdef-no-host-ipc", what: "ipcMode host", subject: "app-task", mutate: (p) => (p.ipcMode = "host"),
        expect: ["`ipcMode` is \"host\"; remove it or set `ipcMode: \"task\"`."] },
    { policy: "ecs-taskdef-logging-configured", what: "no log configuration", subject: "app-task", mutate: withContainer({ logConfiguration: undefined }),
        expect: ["container \"app\" has no `logConfiguration.logDriver`; set `logDriver: \"awslogs\"` with a log group."] },
    { policy: "ecs-taskdef-logging-configured", what: "a log driver not allowed", subject: "app-task", mutate: withContainer({ logConfiguration: { logDriver: "json-file" } }),
        expect: ["container \"app\" logs with \"json-file\"; use one of [\"awslogs\",\"awsfirelens\"]."] },
    { policy: "ecs-taskdef-no-secrets-in-environment", what: "AWS_SECRET_ACCESS_KEY in the environment", subject: "app-task",
        mutate: withContainer({ environment: [{ name: "AWS_SECRET_ACCESS_KEY", value: "x" }] }),
        expect: ["container \"app\" sets environment variable AWS_SECRET_ACCESS_KEY (its name is a credential); move it to `secrets: [{ name: \"AWS_SECRET_ACCESS_KEY\", valueFrom: <secret ARN> }]`."] },
    { policy: "ecs-taskdef-no-secrets-in-environment", what: "a variable named like a password", subject: "app-task",
        mutate: withContainer({ environment: [{ name: "DB_PASSWORD", value: "hunter2" }] }),
        expect: ["container \"app\" sets environment variable DB_PASSWORD (its name suggests a secret); move it to `secrets: [{ name: \"DB_PASSWORD\", valueFrom: <secret ARN> }]`."] },
    { policy: "ecs-taskdef-no-secrets-in-environment", what: "an access key id as a value", subject: "app-task",
        mutate: withContainer({ environment: [{ name: "UPSTREAM", value: "AKIAIOSFODNN7EXAMPLE" }] }),
        expect: ["container \"app\" sets environment variable UPSTREAM (its value is an AWS access key id); move it to `secrets: [{ name: \"UPSTREAM\", valueFrom: <secret ARN> }]`."] },
    { policy: "ecs-taskdef-no-secrets-in-environment", what: "any variable in strict mode", subject: "app-task", config: { strict: true },
        expect: ["container \"app\" sets environment variable PORT (strict mode allows no environment variables); move it to `secrets: [{ name: \"PORT\", valueFrom: <secret ARN> }]`."] },
    { policy: "ecs-taskdef-efs-transit-encryption", what: "the second EFS volume unencrypted", subject: "app-task",
        mutate: (p) => (p.volumes = [
            { name: "a", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED" } },
            { name: "b", efsVolumeConfiguration: { fileSystemId: "fs-2" } },
        ]),
        expect: ["Volume b mounts EFS without transit encryption; set `efsVolumeConfiguration.transitEncryption: \"ENABLED\"`."] },
    { policy: "ecs-taskdef-distinct-task-execution-roles", what: "one role for both", subject: "app-task", mutate: (p) => (p.taskRoleArn = p.executionRoleArn),
        expect: ["`executionRoleArn` and `taskRoleArn` are the same role; give the task its own role."] },
    { policy: "ecs-taskdef-image-pinned", what: "the latest tag", subject: "app-task", mutate: withContainer({ image: "nginx:latest" }),
        expect: ["container \"app\" uses image \"nginx:latest\" with the latest tag; pin it by digest or by an immutable tag."] },
    { policy: "ecs-taskdef-image-pinned", what: "no tag, from a registry not allowed", subject: "app-task", mutate: withContainer({ image: "docker.io/library/nginx" }),
        config: { allowedRegistries: ["^123456789012\\.dkr\\.ecr\\."] },
        expect: [
            "container \"app\" uses image \"docker.io/library/nginx\" from a registry that is not allowed; use one matching [\"^123456789012\\\\.dkr\\\\.ecr\\\\.\"].",
            "container \"app\" uses image \"docker.io/library/nginx\" with no tag; pin it by digest or by an immutable tag.",
        ] },
    { policy: "ecs-taskdef-no-added-capabilities", what: "an added capability", subject: "app-task",
        mutate: withContainer({ linuxParameters: { capabilities: { add: ["SYS_PTRACE", "NET_ADMIN"] } } }), config: { allowedCapabilities: ["SYS_PTRACE"] },
        expect: ["container \"app\" adds capabilities [\"NET_ADMIN\"]; remove them from `linuxParameters.capabilities.add`."] },
    { policy: "ecs-taskdef-memory-limits", what: "no memory anywhere", subject: "app-task", mutate: (p) => delete p.memory,
        expect: ["Neither the task nor container \"app\" limits memory; set the task's `memory`."] },

    // ECS service and cluster
    { policy: "ecs-service-deployment-circuit-breaker", what: "no circuit breaker", subject: "app-service", mutate: (p) => delete p.deploymentCircuitBreaker,
        expect: ["The deployment circuit breaker is off; set `deploymentCircuitBreaker: { enable: true, rollback: true }`."] },
    { policy: "ecs-service-deployment-circuit-breaker", what: "a circuit breaker without rollback", subject: "app-service",
        mutate: (p) => (p.deploymentCircuitBreaker = { enable: true, rollback: false }),
        expect: ["The circuit breaker stops failed deployments but does not roll them back; set `deploymentCircuitBreaker.rollback: true`."] },
    { policy: "ecs-service-deployment-circuit-breaker", what: "alarm rollback when not accepted", subject: "app-service",
        mutate: (p) => { delete p.deploymentCircuitBreaker; p.alarms = { alarmNames: ["x"], enable: true, rollback: true }; },
        expect: ["The deployment circuit breaker is off; set `deploymentCircuitBreaker: { enable: true, rollback: true }`."] },
    { policy: "ecs-service-no-public-ip", what: "public task IPs", subject: "app-service", mutate: (p) => (p.networkConfiguration.assignPublicIp = true),
        expect: ["Tasks get public IP addresses; set `networkConfiguration.assignPublicIp: false` and use private subnets."] },
    { policy: "ecs-service-no-public-ip", what: "public IPs on a task set", subject: { type: "aws:ecs/taskSet:TaskSet", props: { networkConfiguration: { subnets: ["a"], assignPublicIp: true } } },
        expect: ["Tasks get public IP addresses; set `networkConfiguration.assignPublicIp: false` and use private subnets."] },
    { policy: "ecs-service-fargate-platform-version", what: "an old platform version", subject: "app-service", mutate: (p) => (p.platformVersion = "1.3.0"),
        expect: ["`platformVersion` is 1.3.0; remove it or set \"LATEST\" (at least 1.4.0)."] },
    { policy: "ecs-service-fargate-launch-type", what: "the EC2 launch type by default", subject: "app-service", mutate: (p) => delete p.launchType,
        expect: ["`launchType` is unset (EC2); set `launchType: \"FARGATE\"`."] },
    { policy: "ecs-service-fargate-launch-type", what: "an EC2 capacity provider", subject: "app-service",
        mutate: (p) => { delete p.launchType; p.capacityProviderStrategies = [{ capacityProvider: "FARGATE_SPOT", weight: 1 }, { capacityProvider: "my-asg", weight: 1 }]; },
        expect: ["Capacity providers [\"my-asg\"] are not Fargate; use FARGATE or FARGATE_SPOT."] },
    { policy: "ecs-service-explicit-security-groups", what: "no security groups", subject: "app-service", mutate: (p) => delete p.networkConfiguration.securityGroups,
        expect: ["No security groups are set, so tasks get the VPC's default group; set `networkConfiguration.securityGroups`."] },
    { policy: "ecs-service-high-availability", what: "one task in one subnet, 50% healthy", subject: "app-service",
        mutate: (p) => { p.desiredCount = 1; p.networkConfiguration.subnets = ["subnet-a"]; p.deploymentMinimumHealthyPercent = 50; },
        expect: [
            "`desiredCount` is 1; set it to at least 2.",
            "Tasks run in 1 subnet(s); set `networkConfiguration.subnets` to at least 2 subnets in different availability zones.",
            "`deploymentMinimumHealthyPercent` is 50; set it to at least 100.",
        ] },
    { policy: "ecs-service-lb-health-check-grace", what: "no grace period behind a load balancer", subject: "app-service", mutate: (p) => delete p.healthCheckGracePeriodSeconds,
        expect: ["The service is load-balanced without a health-check grace period; set `healthCheckGracePeriodSeconds`."] },
    { policy: "ecs-service-wait-for-steady-state", what: "not waiting for steady state", subject: "app-service", mutate: (p) => delete p.waitForSteadyState,
        expect: ["`pulumi up` will not wait for the deployment to finish; set `waitForSteadyState: true`."] },
    { policy: "ecs-resources-tagged", what: "a missing tag", subject: "app-cluster", mutate: (p) => (p.tags = { Team: "web" }),
        expect: ["Tags [\"Environment\"] are missing; add them to `tags`."] },
    { policy: "ecs-cluster-container-insights", what: "Container Insights unset", subject: "app-cluster", mutate: (p) => delete p.settings,
        expect: ["Container Insights is not configured; set `settings: [{ name: \"containerInsights\", value: \"enabled\" }]`."] },
    { policy: "ecs-cluster-container-insights", what: "enabled when enhanced is required", subject: "app-cluster",
        mutate: (p) => (p.settings = [{ name: "containerInsights", value: "enabled" }]), config: { requireEnhanced: true },
        expect: ["Container Insights is enabled; set `settings: [{ name: \"containerInsights\", value: \"enhanced\" }]`."] },
    { policy: "ecs-cluster-exec-logging-encrypted", what: "exec logging NONE", subject: "app-cluster",
        mutate: (p) => (p.configuration.executeCommandConfiguration = { logging: "NONE" }),
        expect: ["ECS Exec sessions are not logged; set `executeCommandConfiguration.logging` to DEFAULT or OVERRIDE."] },
    { policy: "ecs-cluster-exec-logging-encrypted", what: "no exec configuration", subject: "app-cluster", mutate: (p) => delete p.configuration,
        expect: ["ECS Exec sessions are not encrypted with your key; set `configuration.executeCommandConfiguration.kmsKeyId`."] },
    { policy: "ecs-cluster-exec-logging-encrypted", what: "an unencrypted exec log group", subject: "app-cluster",
        mutate: (p) => (p.configuration.executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled = false),
        expect: ["The ECS Exec log destination is not encrypted; set `cloudWatchEncryptionEnabled: true` / `s3BucketEncryptionEnabled: true`."] },
    { policy: "ecs-cluster-fargate-storage-cmk", what: "no ephemeral-storage key", subject: "app-cluster", mutate: (p) => delete p.configuration.managedStorageConfiguration,
        expect: ["Fargate ephemeral storage uses an AWS owned key; set `configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId`."] },

    // Load balancer, listeners, target groups
    { policy: "alb-drop-invalid-header-fields", what: "invalid headers forwarded (type unset = application)", subject: "app-alb",
        mutate: (p) => { delete p.dropInvalidHeaderFields; delete p.loadBalancerType; },
        expect: ["Invalid HTTP header fields are forwarded; set `dropInvalidHeaderFields: true`."] },
    { policy: "alb-desync-mitigation", what: "monitor mode", subject: "app-alb", mutate: (p) => (p.desyncMitigationMode = "monitor"),
        expect: ["`desyncMitigationMode` is monitor; set \"defensive\" or \"strictest\"."] },
    { policy: "alb-access-logs-enabled", what: "a bucket without enabled", subject: "app-alb", mutate: (p) => (p.accessLogs = { bucket: "logs" }),
        expect: ["Access logs are off; set `accessLogs: { bucket: <bucket>, enabled: true }`."] },
    { policy: "alb-deletion-protection", what: "no deletion protection", subject: "app-alb", mutate: (p) => delete p.enableDeletionProtection,
        expect: ["Deletion protection is off; set `enableDeletionProtection: true`."] },
    { policy: "alb-multi-az", what: "one subnet", subject: "app-alb", mutate: (p) => (p.subnets = ["subnet-a"]),
        expect: ["The load balancer has 1 subnet(s); set `subnets` in at least 2 availability zones."] },
    { policy: "alb-not-internet-facing", what: "internet-facing and not allow-listed", subject: "app-alb",
        expect: ["The load balancer faces the internet; set `internal: true` or allow-list it."] },
    { policy: "alb-security-groups-attached", what: "no security groups", subject: "app-alb", mutate: (p) => delete p.securityGroups,
        expect: ["No security groups are attached, so the VPC's default group applies; set `securityGroups`."] },
    { policy: "no-classic-load-balancer", what: "a Classic Load Balancer serving HTTP", subject: { type: CLASSIC, props: {
        listeners: [{ lbPort: 80, lbProtocol: "http", instancePort: 8080, instanceProtocol: "http" }] } },
        expect: ["A Classic Load Balancer serves HTTP(S); use an application load balancer (`aws.lb.LoadBalancer`)."] },
    { policy: "alb-listener-https-or-redirect", what: "protocol unset with a forward action", subject: "app-http",
        mutate: (p) => { delete p.protocol; p.defaultActions = [{ type: "forward", targetGroupArn: "tg" }]; },
        expect: ["The listener serves plain HTTP (protocol unset); use HTTPS, or make its only default action a redirect with `protocol: \"HTTPS\"`."] },
    { policy: "alb-listener-https-or-redirect", what: "HTTP redirecting to HTTP", subject: "app-http",
        mutate: (p) => (p.defaultActions[0].redirect.protocol = "HTTP"),
        expect: ["The listener serves plain HTTP; use HTTPS, or make its only default action a redirect with `protocol: \"HTTPS\"`."] },
    { policy: "alb-listener-https-or-redirect", what: "a TCP listener on a network load balancer", subject: "app-http",
        mutate: (p) => { p.protocol = "TCP"; p.defaultActions = [{ type: "forward", targetGroupArn: "tg" }]; },
        expect: ["The listener uses TCP; use TLS with a certificate."] },
    { policy: "alb-listener-tls-policy", what: "sslPolicy unset (2016-08)", subject: "app-https", mutate: (p) => delete p.sslPolicy,
        expect: [`\`sslPolicy\` is unset (ELBSecurityPolicy-2016-08), which allows TLS 1.0 and 1.1; set one of ${ALLOWED_TLS}.`] },
    { policy: "alb-listener-tls-policy", what: "ELBSecurityPolicy-2016-08 set explicitly", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-2016-08"),
        expect: [`\`sslPolicy\` is ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1; set one of ${ALLOWED_TLS}.`] },
    { policy: "alb-listener-tls-policy", what: "a TLS 1.3 policy that also allows TLS 1.0", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS13-1-0-2021-06"),
        expect: [`\`sslPolicy\` is ELBSecurityPolicy-TLS13-1-0-2021-06, which allows TLS 1.0 and 1.1; set one of ${ALLOWED_TLS}.`] },
    { policy: "alb-listener-tls-policy", what: "a TLS 1.3 policy that also allows TLS 1.1", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS13-1-1-2021-06"),
        expect: [`\`sslPolicy\` is ELBSecurityPolicy-TLS13-1-1-2021-06, which allows TLS 1.0 and 1.1; set one of ${ALLOWED_TLS}.`] },
    { policy: "alb-listener-tls-policy", what: "a post-quantum policy that also allows TLS 1.0", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09"),
        expect: [`\`sslPolicy\` is ELBSecurityPolicy-TLS13-1-0-PQ-2025-09, which allows TLS 1.0 and 1.1; set one of ${ALLOWED_TLS}.`] },
    { policy: "alb-listener-tls-policy", what: "a TLS 1.1 policy listed in allowedSslPolicies", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS-1-1-2017-01"),
        config: { allowedSslPolicies: ["ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-TLS13-1-3-2021-06"] },
        expect: ["`sslPolicy` is ELBSecurityPolicy-TLS-1-1-2017-01, which allows TLS 1.0 and 1.1; set one of ELBSecurityPolicy-TLS13-1-3-2021-06."] },
    { policy: "alb-listener-tls-policy", what: "a TLS 1.2 policy with legacy ciphers (Ext2), not recommended", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06"),
        expect: [`\`sslPolicy\` is ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06; set one of ${ALLOWED_TLS}.`] },
    { policy: "alb-listener-tls-policy", what: "a TLS 1.0 policy", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS-1-0-2015-04"),
        config: { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] },
        expect: ["`sslPolicy` is ELBSecurityPolicy-TLS-1-0-2015-04, which allows TLS 1.0 and 1.1; set one of ELBSecurityPolicy-TLS13-1-3-2021-06."] },
    { policy: "alb-listener-tls-policy", what: "a recommended policy left out of allowedSslPolicies", subject: "app-https", mutate: (p) => (p.sslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        config: { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] },
        expect: ["`sslPolicy` is ELBSecurityPolicy-TLS13-1-2-2021-06; set one of ELBSecurityPolicy-TLS13-1-3-2021-06."] },
    { policy: "alb-listener-acm-certificate", what: "an IAM server certificate", subject: "app-https",
        mutate: (p) => (p.certificateArn = "arn:aws:iam::123456789012:server-certificate/app"),
        expect: ["`certificateArn` is \"arn:aws:iam::123456789012:server-certificate/app\"; use an ACM certificate ARN."] },
    { policy: "alb-target-group-health-check", what: "health checks disabled", subject: "app-tg", mutate: (p) => (p.healthCheck = { enabled: false }),
        expect: ["Health checks are disabled; set `healthCheck.enabled: true` with a `path`."] },
    { policy: "alb-target-group-health-check", what: "no health-check path (protocol unset = HTTP)", subject: "app-tg",
        mutate: (p) => { delete p.protocol; p.healthCheck = { enabled: true }; },
        expect: ["No health-check path is set; set `healthCheck.path` to an endpoint that reports the application's health."] },
    { policy: "alb-target-group-encrypted", what: "plain HTTP to targets", subject: "app-tg",
        expect: ["The target group uses HTTP; set `protocol: \"HTTPS\"`.", "Health checks are not encrypted; set `healthCheck.protocol: \"HTTPS\"`."] },

    // Security groups
    { policy: "sg-no-public-ingress-except-authorized-ports", what: "SSH from the internet in an inline block", subject: "app-task-sg",
        mutate: (p) => (p.ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }]),
        expect: ["Ingress ingress[0] from 0.0.0.0/0 allows high-risk port 22; restrict the source to a security group or private CIDR."] },
    { policy: "sg-no-public-ingress-except-authorized-ports", what: "all traffic from ::/0 in an inline block", subject: "app-task-sg",
        mutate: (p) => (p.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }]),
        expect: ["Ingress ingress[0] from ::/0 allows all protocols and ports; open only TCP ports 80, 443 to the internet."] },
    { policy: "sg-no-public-ingress-except-authorized-ports", what: "an unauthorized port in a vpc ingress rule", subject: "app-alb-https",
        mutate: (p) => { p.fromPort = 8443; p.toPort = 8443; },
        expect: ["Ingress from 0.0.0.0/0 allows tcp port 8443; open only TCP ports 80, 443 to the internet."] },
    { policy: "sg-no-public-ingress-except-authorized-ports", what: "a port range in an ec2 security-group rule", subject: { type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: {
        type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"], description: "web" } },
        expect: ["Ingress from 0.0.0.0/0 allows high-risk ports 110, 135, 143; restrict the source to a security group or private CIDR."] },
    { policy: "sg-no-public-ingress-except-authorized-ports", what: "a port range without high-risk ports", subject: { type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: {
        type: "ingress", securityGroupId: "sg-1", protocol: "6", fromPort: 443, toPort: 444, cidrBlocks: ["0.0.0.0/0"], description: "web" } },
        expect: ["Ingress from 0.0.0.0/0 allows tcp ports 443-444; open only TCP ports 80, 443 to the internet."] },
    { policy: "sg-no-public-ingress-except-authorized-ports", what: "a high-risk port even when authorized", subject: "app-alb-https",
        mutate: (p) => { p.fromPort = 8080; p.toPort = 8080; }, config: { authorizedTcpPorts: [443, 8080] },
        expect: ["Ingress from 0.0.0.0/0 allows high-risk port 8080; restrict the source to a security group or private CIDR."] },
    { policy: "sg-descriptions", what: "Pulumi's default group description", subject: "app-task-sg", mutate: (p) => (p.description = "Managed by Pulumi"),
        expect: ["The security group has no description of its own; set `description`."] },
    { policy: "sg-descriptions", what: "an inline rule without description", subject: "app-task-sg",
        mutate: (p) => (p.egress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }]),
        expect: ["Rule egress[0] has no description; set `description`."] },
    { policy: "sg-descriptions", what: "a rule resource without description", subject: "app-task-from-alb", mutate: (p) => delete p.description,
        expect: ["The rule has no description; set `description`."] },
    { policy: "sg-no-unrestricted-egress", what: "all egress to the internet", subject: "app-task-https-out",
        mutate: (p) => { p.ipProtocol = "-1"; delete p.fromPort; delete p.toPort; },
        expect: ["Egress to 0.0.0.0/0 allows all protocols and ports; restrict it to the needed ports and destinations."] },

    // IAM
    { policy: "ecs-roles-trust-policy", what: "no source condition", subject: "app-task-role",
        mutate: (p) => (p.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] })),
        expect: ["The ECS task trust policy has no `aws:SourceAccount`/`aws:SourceArn` condition; add `Condition: { StringEquals: { \"aws:SourceAccount\": <account id> } }`."] },
    { policy: "ecs-roles-trust-policy", what: "a second service trusted", subject: "app-task-role",
        mutate: (p) => (p.assumeRolePolicy = { Statement: [{ Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] }, Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }] }),
        expect: ["The ECS task trust statement also trusts [\"ec2.amazonaws.com\"]; trust only \"ecs-tasks.amazonaws.com\"."] },
    { policy: "ecs-roles-trust-policy", what: "any principal", subject: "app-task-role",
        mutate: (p) => (p.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] })),
        expect: ["Trust statement 0 lets any principal assume the role; set `Principal: { Service: \"ecs-tasks.amazonaws.com\" }`."] },

    // Logs
    { policy: "log-group-retention", what: "retention unset", subject: "app-logs", mutate: (p) => delete p.retentionInDays,
        expect: ["`retentionInDays` is unset, so logs are kept forever without a decision; set `retentionInDays: 365` or more."] },
    { policy: "log-group-retention", what: "retention below the minimum", subject: "app-logs", mutate: (p) => (p.retentionInDays = 30),
        expect: ["`retentionInDays` is 30; set it to at least 365."] },
    { policy: "log-group-kms-encryption", what: "no KMS key", subject: "app-logs", mutate: (p) => delete p.kmsKeyId,
        expect: ["The log group uses CloudWatch's default encryption; set `kmsKeyId` to a customer managed KMS key ARN."] },
];

function subjectOf(m: Mutation): { type: string; props: Record<string, any> } {
    const base = typeof m.subject === "string" ? { type: typeOf(m.subject), props: propsOf(m.subject) } : { type: m.subject.type, props: JSON.parse(JSON.stringify(m.subject.props)) };
    m.mutate?.(base.props);
    return base;
}

/** The equivalent token of an `aws:lb/*` type (`aws:alb/*`), if any. */
function albTwin(type: string): string | undefined {
    return type.startsWith("aws:lb/") ? type.replace("aws:lb/", "aws:alb/") : undefined;
}

describe("resource policies", () => {
    for (const m of mutations) {
        describe(m.policy, () => {
            it(`reports ${m.what}`, async () => {
                const { type, props } = subjectOf(m);
                const out = await runResource(resourcePolicy(m.policy), type, props, m.config);
                assert.deepStrictEqual(out, { violations: m.expect });
            });

            const { type } = subjectOf(m);
            const twin = albTwin(type);
            if (twin) {
                it(`reports ${m.what} on the ${twin} token too`, async () => {
                    const { props } = subjectOf(m);
                    const out = await runResource(resourcePolicy(m.policy), twin, props, m.config);
                    assert.deepStrictEqual(out, { violations: m.expect });
                });
            }

            it(`is not applicable to another type with the same props (${m.what})`, async () => {
                const { props } = subjectOf(m);
                const out = await runResource(resourcePolicy(m.policy), "aws:s3/bucketV2:BucketV2", props, m.config);
                assert.deepStrictEqual(out.violations, []);
                assert.ok(out.notApplicable?.startsWith("Policy only applies to resources of type"), JSON.stringify(out));
            });
        });
    }

    it("covers every resource policy of the pack with at least one mutation", () => {
        const covered = new Set(mutations.map((m) => m.policy));
        const missing = policies.filter((p) => "validateResource" in p && !covered.has(p.name)).map((p) => p.name);
        assert.deepStrictEqual(missing, []);
    });
});

describe("resource policies: cases the anchors get wrong", () => {
    // AWS recommends these for HTTPS listeners ("Security policies for your Application Load Balancer"); the pack
    // used to reject the first one, the policy AWS's own docs recommend.
    for (const sslPolicy of [
        "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    ]) {
        it(`accepts ${sslPolicy} on an HTTPS listener`, async () => {
            const props = { ...propsOf("app-https"), sslPolicy };
            assert.deepStrictEqual(await runResource(resourcePolicy("alb-listener-tls-policy"), typeOf("app-https"), props), { violations: [] });
        });
    }

    it("accepts ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 on a network load balancer's TLS listener", async () => {
        const props = { ...propsOf("app-https"), protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" };
        assert.deepStrictEqual(await runResource(resourcePolicy("alb-listener-tls-policy"), typeOf("app-https"), props), { violations: [] });
    });

    it("reads `privileged`, the key ECS uses (Checkov reads `privilege`)", async () => {
        const props = propsOf("app-task");
        withContainer({ privilege: true })(props);
        assert.deepStrictEqual(await runResource(resourcePolicy("ecs-taskdef-no-privileged-containers"), typeOf("app-task"), props), { violations: [] });
    });

    it("ignores a container-level pidMode (it is a task-level setting)", async () => {
        const props = propsOf("app-task");
        withContainer({ pidMode: "host" })(props);
        assert.deepStrictEqual(await runResource(resourcePolicy("ecs-taskdef-no-host-pid"), typeOf("app-task"), props), { violations: [] });
    });

    it("accepts IMMUTABLE_WITH_EXCLUSION when configured, with filters", async () => {
        const props = propsOf("app-repo");
        props.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION";
        props.imageTagMutabilityExclusionFilters = [{ filter: "latest*", filterType: "WILDCARD" }];
        const out = await runResource(resourcePolicy("ecr-repository-immutable-tags"), typeOf("app-repo"), props, { allowImmutableWithExclusion: true });
        assert.deepStrictEqual(out, { violations: [] });
    });

    it("does not apply the circuit breaker to CODE_DEPLOY services", async () => {
        const props = propsOf("app-service");
        delete props.deploymentCircuitBreaker;
        props.deploymentController = { type: "CODE_DEPLOY" };
        const out = await runResource(resourcePolicy("ecs-service-deployment-circuit-breaker"), typeOf("app-service"), props);
        assert.deepStrictEqual(out, { violations: [], notApplicable: "The CODE_DEPLOY deployment controller does not use the circuit breaker" });
    });

    it("accepts alarm-based rollback when configured", async () => {
        const props = propsOf("app-service");
        delete props.deploymentCircuitBreaker;
        props.alarms = { alarmNames: ["5xx"], enable: true, rollback: true };
        const out = await runResource(resourcePolicy("ecs-service-deployment-circuit-breaker"), typeOf("app-service"), props, { acceptAlarmsRollback: true });
        assert.deepStrictEqual(out, { violations: [] });
    });

    it("skips the read-only root filesystem rule for Windows containers", async () => {
        const props = propsOf("app-task");
        props.runtimePlatform = { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" };
        withContainer({ readonlyRootFilesystem: false })(props);
        assert.deepStrictEqual(await runResource(resourcePolicy("ecs-taskdef-readonly-root-filesystem"), typeOf("app-task"), props), { violations: [] });
    });

    it("accepts container definitions given as an array and skips ones that are not JSON", async () => {
        const policy = resourcePolicy("ecs-taskdef-no-privileged-containers");
        const asArray = propsOf("app-task");
        asArray.containerDefinitions = [{ ...container(), privileged: true }];
        assert.deepStrictEqual(await runResource(policy, typeOf("app-task"), asArray), { violations: ["container \"app\" is privileged; remove `privileged: true`."] });
        const garbage = propsOf("app-task");
        garbage.containerDefinitions = "{not json";
        assert.deepStrictEqual(await runResource(policy, typeOf("app-task"), garbage), { violations: [] });
    });

    it("accepts 0 (never expire) as a retention and skips DELIVERY log groups", async () => {
        const policy = resourcePolicy("log-group-retention");
        assert.deepStrictEqual(await runResource(policy, typeOf("app-logs"), { ...propsOf("app-logs"), retentionInDays: 0 }), { violations: [] });
        const delivery = propsOf("app-logs");
        delete delivery.retentionInDays;
        delivery.logGroupClass = "DELIVERY";
        assert.deepStrictEqual(await runResource(policy, typeOf("app-logs"), delivery), { violations: [] });
    });
});
