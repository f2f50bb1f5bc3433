/**
 * The timing table of the deploy-time estimates: how long AWS takes for each step, as ranges (low–high seconds),
 * each quoted with the row of `../shared/FACTS.md` ("AWS timings" table) it comes from. Where FACTS.md has no row
 * for a resource type, the entry says that it is an assumption.
 */

export const TIMING_SOURCE = "../shared/FACTS.md, table \"AWS timings (for deploy-time estimates)\"";

/** A step's duration range in seconds, with where it comes from. */
export interface Timing {
    lowS: number;
    highS: number;
    label: string;
    /** The FACTS.md row, quoted, or the assumption made. */
    source: string;
}

const CONTROL_PLANE_ROW = "VPC, subnets, routes, target group, listener, task definition, IAM role, log group | 1–13 s each";

/** Every step the estimates use. */
export const TIMINGS = {
    alb: { lowS: 135, highS: 187, label: "ALB provisioning → active", source: "ALB provisioning → active | 135–187 s (n=10)" },
    nat: { lowS: 85, highS: 125, label: "NAT gateway → available", source: "NAT gateway → available | 85–125 s" },
    controlPlane: { lowS: 1, highS: 13, label: "VPC, subnet, route, target group, listener, task definition, IAM role, log group", source: CONTROL_PLANE_ROW },
    assumedControlPlane: {
        lowS: 1, highS: 13, label: "other API-only resources (security groups and rules, ECR, ECS cluster and service API call, EIP, endpoints, autoscaling, IAM policies)",
        source: `assumption: not measured in FACTS.md; taken as the same band as "${CONTROL_PLANE_ROW}"`,
    },
    iamPropagation: { lowS: 2, highS: 30, label: "IAM role usable by ECS after creation", source: "IAM role usable by ECS after creation | usually ~2 s, sometimes 10–30 s" },
    taskStart: { lowS: 30, highS: 60, label: "Fargate task start (ENI + pull + start)", source: "Fargate task start (ENI + pull + start) | ~30–60 s" },
    imageBuild: { lowS: 0, highS: 0, label: "docker image build and push", source: "not estimated: depends on the Dockerfile, cache and network; FACTS.md has no figure" },
    component: { lowS: 0, highS: 0, label: "component resources, providers and the stack", source: "no cloud call" },
} satisfies Record<string, Timing>;

/** AWS defaults the rolling-update estimate falls back to when a setting is not given. */
export const AWS_DEFAULTS = {
    healthCheckIntervalSeconds: { value: 30, source: "new target healthy | one passing check after registration (interval 30 s by default)" },
    healthyThresholdCount: { value: 3, source: "`@pulumi/aws` TargetGroup `healthCheck.healthyThreshold` default (provider docs); not in FACTS.md" },
    deregistrationDelaySeconds: { value: 300, source: "deregistration delay | 300 s by default" },
    stopTimeoutSeconds: { value: 30, source: "container stopTimeout | 30 s default (max 120 s)" },
    waitForSteadyState: { value: false, source: "`aws.ecs.Service.waitForSteadyState` | false by default in `@pulumi/aws`" },
    minimumHealthyPercent: { value: 100, source: "ECS API default deploymentMinimumHealthyPercent" },
    maximumPercent: { value: 200, source: "ECS API default deploymentMaximumPercent" },
    healthCheckGracePeriodSeconds: { value: 0, source: "ECS API default" },
} as const;

export type TimingKey = keyof typeof TIMINGS;

const CONTROL_PLANE_TYPES = new Set([
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/route:Route",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:lb/targetGroup:TargetGroup",
    "aws:alb/targetGroup:TargetGroup",
    "aws:lb/listener:Listener",
    "aws:alb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:iam/role:Role",
    "aws:cloudwatch/logGroup:LogGroup",
]);

/** The timing entry of a resource type's creation (the ECS service and IAM role get extra steps in deployTime). */
export function creationTiming(type: string, custom: boolean): TimingKey {
    if (!custom || type.startsWith("pulumi:providers:")) {
        return "component";
    }
    if (type === "aws:lb/loadBalancer:LoadBalancer" || type === "aws:alb/loadBalancer:LoadBalancer") {
        return "alb";
    }
    if (type === "aws:ec2/natGateway:NatGateway") {
        return "nat";
    }
    if (type === "docker:index/image:Image" || type.startsWith("docker-build:")) {
        return "imageBuild";
    }
    return CONTROL_PLANE_TYPES.has(type) ? "controlPlane" : "assumedControlPlane";
}
