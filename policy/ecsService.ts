/** ECS service and task-set policies. */
import { resourcePolicy, stackPolicy } from "./define";
import { known, ofTypes, referencedBy, T, UNKNOWN } from "./helpers";

const SERVICE = [T.service];
const CLUSTER = [T.cluster];

export interface CircuitBreakerConfig {
    requireRollback: boolean;
    acceptAlarmsRollback: boolean;
}

export const ecsServiceDeploymentCircuitBreaker = resourcePolicy<CircuitBreakerConfig>({
    name: "ecs-service-deployment-circuit-breaker",
    description: "Checks that rolling-update ECS services enable the deployment circuit breaker with rollback, so a failing deployment stops and rolls back (not applicable to CODE_DEPLOY and EXTERNAL controllers).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "availability", "deployment"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html" },
    remediationSteps: "Set `deploymentCircuitBreaker: { enable: true, rollback: true }` on the service.",
    configSchema: {
        properties: {
            requireRollback: { type: "boolean", default: true, description: "Require `rollback: true`, not only `enable`." },
            acceptAlarmsRollback: { type: "boolean", default: false, description: "Accept CloudWatch alarm-based rollback (`alarms.enable` and `alarms.rollback`) instead of the circuit breaker." },
        },
    },
    types: SERVICE,
    validate: (props, report, config, args) => {
        const controller = props.deploymentController?.type ?? "ECS";
        if (controller !== "ECS") {
            args.notApplicable(`The ${controller} deployment controller does not use the circuit breaker`);
        }
        if (config.acceptAlarmsRollback && props.alarms?.enable === true && props.alarms?.rollback === true) {
            return;
        }
        const cb = props.deploymentCircuitBreaker;
        if (cb?.enable !== true) {
            report("The deployment circuit breaker is off; set `deploymentCircuitBreaker: { enable: true, rollback: true }`.");
        } else if (config.requireRollback && cb.rollback !== true) {
            report("The circuit breaker stops failed deployments but does not roll them back; set `deploymentCircuitBreaker.rollback: true`.");
        }
    },
});

export const ecsServiceNoPublicIp = resourcePolicy({
    name: "ecs-service-no-public-ip",
    description: "Checks that ECS services and task sets do not assign public IP addresses to tasks (`networkConfiguration.assignPublicIp`).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "network"],
    anchors: { securityHub: ["ECS.2", "ECS.16"], checkov: ["CKV_AWS_333"], controlTower: ["CT.ECS.PR.9"], kics: ["bafe7989"] },
    remediationSteps: "Run tasks in private subnets with `assignPublicIp: false` and reach the internet through a NAT gateway or VPC endpoints.",
    types: [T.service, T.taskSet],
    validate: (props, report) => {
        if (props.networkConfiguration?.assignPublicIp === true) {
            report("Tasks get public IP addresses; set `networkConfiguration.assignPublicIp: false` and use private subnets.");
        }
    },
});

function usesFargate(props: Record<string, any>): boolean {
    if (props.launchType === "FARGATE") {
        return true;
    }
    const strategies: any[] = props.capacityProviderStrategies ?? [];
    return strategies.some((s) => s.capacityProvider === "FARGATE" || s.capacityProvider === "FARGATE_SPOT");
}

function compareVersions(a: string, b: string): number {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

export interface PlatformVersionConfig {
    minPlatformVersion: string;
}

export const ecsServiceFargatePlatformVersion = resourcePolicy<PlatformVersionConfig>({
    name: "ecs-service-fargate-platform-version",
    description: "Checks that Fargate services run the LATEST platform version or at least the configured minimum (default 1.4.0).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "fargate", "patching"],
    anchors: { securityHub: ["ECS.10"], checkov: ["CKV_AWS_332"], controlTower: ["CT.ECS.PR.1"] },
    remediationSteps: "Remove `platformVersion` (defaults to LATEST) or set it to \"LATEST\".",
    configSchema: {
        properties: {
            minPlatformVersion: { type: "string", default: "1.4.0", description: "The oldest explicit platform version accepted." },
        },
    },
    types: SERVICE,
    validate: (props, report, config) => {
        const version = props.platformVersion;
        if (!usesFargate(props) || version === undefined || version === "LATEST") {
            return;
        }
        if (!/^\d+(\.\d+)*$/.test(String(version)) || compareVersions(String(version), config.minPlatformVersion) < 0) {
            report(`\`platformVersion\` is ${version}; remove it or set "LATEST" (at least ${config.minPlatformVersion}).`);
        }
    },
});

export const ecsServiceFargateLaunchType = resourcePolicy({
    name: "ecs-service-fargate-launch-type",
    description: "Checks that services run on Fargate: `launchType: \"FARGATE\"` or only FARGATE/FARGATE_SPOT capacity providers.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecs", "fargate"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html" },
    remediationSteps: "Set `launchType: \"FARGATE\"`, or `capacityProviderStrategies` with FARGATE and FARGATE_SPOT only.",
    types: SERVICE,
    validate: (props, report) => {
        const strategies: any[] = props.capacityProviderStrategies ?? [];
        if (strategies.length > 0) {
            const others = strategies.map((s) => s.capacityProvider).filter((p) => p !== "FARGATE" && p !== "FARGATE_SPOT");
            if (others.length > 0) {
                report(`Capacity providers ${JSON.stringify(others)} are not Fargate; use FARGATE or FARGATE_SPOT.`);
            }
        } else if (props.launchType !== "FARGATE") {
            report(`\`launchType\` is ${props.launchType ?? "unset (EC2)"}; set \`launchType: "FARGATE"\`.`);
        }
    },
});

export const ecsServiceExplicitSecurityGroups = resourcePolicy({
    name: "ecs-service-explicit-security-groups",
    description: "Checks that services name their security groups (`networkConfiguration.securityGroups`); otherwise tasks get the VPC's default group.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "network", "security-group"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html" },
    remediationSteps: "Create a security group for the tasks and set `networkConfiguration.securityGroups: [sg.id]`.",
    types: SERVICE,
    validate: (props, report) => {
        const sgs = props.networkConfiguration?.securityGroups;
        if (!Array.isArray(sgs) || sgs.length === 0) {
            report("No security groups are set, so tasks get the VPC's default group; set `networkConfiguration.securityGroups`.");
        }
    },
});

export const ecsServiceExecControlled = stackPolicy({
    name: "ecs-service-exec-controlled",
    description: "Checks that services enable ECS Exec (`enableExecuteCommand`) only on clusters that log exec sessions.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "access-control", "logging"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html", checkov: ["CKV_AWS_223", "CKV_AWS_224"] },
    remediationSteps: "Turn `enableExecuteCommand` off, or configure the cluster's `configuration.executeCommandConfiguration` with `logging: \"OVERRIDE\"` and a log destination.",
    validate: (resources, report) => {
        for (const svc of ofTypes(resources, SERVICE)) {
            if (known(() => svc.props.enableExecuteCommand) !== true) {
                continue;
            }
            const clusters = referencedBy(svc, "cluster", ofTypes(resources, CLUSTER));
            const logged = clusters.some((c) => {
                const exec = known(() => c.props.configuration?.executeCommandConfiguration);
                if (exec === UNKNOWN) {
                    return true;
                }
                return !!exec && exec.logging !== undefined && exec.logging !== "NONE";
            });
            if (!logged) {
                report("ECS Exec is enabled but the cluster does not log exec sessions; set `enableExecuteCommand: false` or configure the cluster's `executeCommandConfiguration.logging`.", svc.urn);
            }
        }
    },
});

export interface HighAvailabilityConfig {
    minDesiredCount: number;
    minSubnets: number;
    minHealthyPercent: number;
}

export const ecsServiceHighAvailability = resourcePolicy<HighAvailabilityConfig>({
    name: "ecs-service-high-availability",
    description: "Checks that services run at least two tasks across at least two subnets and keep 100% healthy during deployments.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "availability"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-options.html" },
    remediationSteps: "Set `desiredCount` to 2 or more, subnets in two or more availability zones, and `deploymentMinimumHealthyPercent: 100`.",
    configSchema: {
        properties: {
            minDesiredCount: { type: "number", default: 2, description: "Fewest tasks." },
            minSubnets: { type: "number", default: 2, description: "Fewest subnets (one per availability zone)." },
            minHealthyPercent: { type: "number", default: 100, description: "Lowest `deploymentMinimumHealthyPercent`." },
        },
    },
    types: SERVICE,
    validate: (props, report, config) => {
        const desired = props.desiredCount ?? 0;
        if (desired < config.minDesiredCount) {
            report(`\`desiredCount\` is ${desired}; set it to at least ${config.minDesiredCount}.`);
        }
        const subnets = props.networkConfiguration?.subnets;
        const count = Array.isArray(subnets) ? subnets.length : 0;
        if (count < config.minSubnets) {
            report(`Tasks run in ${count} subnet(s); set \`networkConfiguration.subnets\` to at least ${config.minSubnets} subnets in different availability zones.`);
        }
        const minHealthy = props.deploymentMinimumHealthyPercent ?? 100;
        if (minHealthy < config.minHealthyPercent) {
            report(`\`deploymentMinimumHealthyPercent\` is ${minHealthy}; set it to at least ${config.minHealthyPercent}.`);
        }
    },
});

export const ecsServiceLbHealthCheckGrace = resourcePolicy({
    name: "ecs-service-lb-health-check-grace",
    description: "Checks that load-balanced services set `healthCheckGracePeriodSeconds`, so slow-starting tasks are not killed by the load balancer's first checks.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecs", "availability"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-healthCheckGracePeriodSeconds" },
    remediationSteps: "Set `healthCheckGracePeriodSeconds` to the time the container needs to start serving (e.g. 60).",
    types: SERVICE,
    validate: (props, report) => {
        const lbs = props.loadBalancers;
        if (Array.isArray(lbs) && lbs.length > 0 && props.healthCheckGracePeriodSeconds === undefined) {
            report("The service is load-balanced without a health-check grace period; set `healthCheckGracePeriodSeconds`.");
        }
    },
});

export const ecsServiceWaitForSteadyState = resourcePolicy({
    name: "ecs-service-wait-for-steady-state",
    description: "Checks that services set `waitForSteadyState: true`, so `pulumi up` fails when the deployment does not reach a steady state (for example after a circuit-breaker rollback).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "deployment", "pulumi"],
    anchors: { docs: "https://www.pulumi.com/registry/packages/aws/api-docs/ecs/service/#waitforsteadystate_nodejs" },
    remediationSteps: "Set `waitForSteadyState: true` on the service.",
    types: SERVICE,
    validate: (props, report) => {
        if (props.waitForSteadyState !== true) {
            report("`pulumi up` will not wait for the deployment to finish; set `waitForSteadyState: true`.");
        }
    },
});

export interface TaggedConfig {
    requiredTagKeys: string[];
}

export const ecsResourcesTagged = resourcePolicy<TaggedConfig>({
    name: "ecs-resources-tagged",
    description: "Checks that ECS services, clusters and task definitions carry the required tag keys.",
    enforcementLevel: "disabled",
    severity: "low",
    tags: ["ecs", "tagging"],
    anchors: { securityHub: ["ECS.13", "ECS.14", "ECS.15"] },
    remediationSteps: "Add the required keys to `tags` (and set `propagateTags` on services).",
    configSchema: {
        properties: {
            requiredTagKeys: { type: "array", items: { type: "string" }, default: ["Environment"], description: "Tag keys every ECS resource must have." },
        },
    },
    types: [T.service, T.cluster, T.taskDefinition],
    validate: (props, report, config) => {
        const tags = props.tags ?? {};
        const missing = config.requiredTagKeys.filter((k) => !(k in tags));
        if (missing.length > 0) {
            report(`Tags ${JSON.stringify(missing)} are missing; add them to \`tags\`.`);
        }
    },
});
