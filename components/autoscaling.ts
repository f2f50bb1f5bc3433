/**
 * Application Auto Scaling of a service's task count: the scalable target, target-tracking policies and
 * scheduled actions, as children of the service component.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_CPU_TARGET_PERCENT, DEFAULT_SCALE_IN_COOLDOWN_SECONDS, DEFAULT_SCALE_OUT_COOLDOWN_SECONDS } from "./defaults";
import { scheduledActionNaming } from "./names";
import type { ScalingBounds } from "./taskArgs";

/** One target-tracking policy: which metric, and the value to keep it near. */
export interface TrackingTarget {
    role: string;
    metric: "ECSServiceAverageCPUUtilization" | "ECSServiceAverageMemoryUtilization" | "ALBRequestCountPerTarget" | "SQSBacklogPerTask";
    value: number;
}

/** Every target a service kind may scale on: the shared bounds, requests (web) or queue depth (worker). */
export interface ScalingTargets extends ScalingBounds {
    requestsPerTarget?: number;
    queueDepth?: { queueName: pulumi.Input<string>; messagesPerTask: number };
}

/** The target-tracking policies of `scaling`: those asked for, or CPU at 60% when none is. */
export function trackingTargets(scaling: ScalingTargets): TrackingTarget[] {
    const targets: TrackingTarget[] = [];
    if (scaling.cpuTargetPercent !== undefined) {
        targets.push({ role: "cpu", metric: "ECSServiceAverageCPUUtilization", value: scaling.cpuTargetPercent });
    }
    if (scaling.memoryTargetPercent !== undefined) {
        targets.push({ role: "memory", metric: "ECSServiceAverageMemoryUtilization", value: scaling.memoryTargetPercent });
    }
    if (scaling.requestsPerTarget !== undefined) {
        targets.push({ role: "requests", metric: "ALBRequestCountPerTarget", value: scaling.requestsPerTarget });
    }
    if (scaling.queueDepth !== undefined) {
        targets.push({ role: "queue", metric: "SQSBacklogPerTask", value: scaling.queueDepth.messagesPerTask });
    }
    return targets.length > 0 ? targets : [{ role: "cpu", metric: "ECSServiceAverageCPUUtilization", value: DEFAULT_CPU_TARGET_PERCENT }];
}

/** What scaling is attached to. */
export interface ScalingSubject {
    clusterName: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    /** `<load balancer arnSuffix>/<target group arnSuffix>`, the label of the request-count metric; only a load-balanced service has one. */
    requestCountLabel?: pulumi.Input<string>;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Creates the scalable target, its policies and scheduled actions as children of `parent`. */
export function createAutoscaling(name: string, scaling: ScalingTargets, subject: ScalingSubject, parent: pulumi.Resource): aws.appautoscaling.Target {
    const opts = { parent };
    const target = new aws.appautoscaling.Target(`${name}-scaling`, {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${subject.clusterName}/${subject.serviceName}`,
        minCapacity: scaling.minCapacity,
        maxCapacity: scaling.maxCapacity,
        tags: subject.tags,
    }, opts);
    for (const tracking of trackingTargets(scaling)) {
        new aws.appautoscaling.Policy(`${name}-${tracking.role}-scaling`, {
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                targetValue: tracking.value,
                scaleInCooldown: scaling.scaleInCooldownSeconds ?? DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
                scaleOutCooldown: scaling.scaleOutCooldownSeconds ?? DEFAULT_SCALE_OUT_COOLDOWN_SECONDS,
                ...(tracking.metric === "SQSBacklogPerTask"
                    ? { customizedMetricSpecification: backlogPerTask(scaling.queueDepth!.queueName, subject) }
                    : {
                        predefinedMetricSpecification: {
                            predefinedMetricType: tracking.metric,
                            resourceLabel: tracking.metric === "ALBRequestCountPerTarget" ? subject.requestCountLabel : undefined,
                        },
                    }),
            },
        }, opts);
    }
    for (const schedule of scaling.schedules ?? []) {
        new aws.appautoscaling.ScheduledAction(`${name}-schedule-${schedule.name}`, {
            ...scheduledActionNaming(`${name}-schedule-${schedule.name}`),
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            schedule: schedule.schedule,
            timezone: schedule.timezone,
            scalableTargetAction: { minCapacity: schedule.minCapacity, maxCapacity: schedule.maxCapacity },
        }, opts);
    }
    return target;
}

/**
 * Backlog per task with metric math: the queue's visible messages divided by the service's running tasks, the
 * metric AWS recommends for scaling queue workers. Source: Application Auto Scaling user guide, "Create a target
 * tracking scaling policy using metric math" (SQS `ApproximateNumberOfMessagesVisible` over Container Insights
 * `RunningTaskCount`; Container Insights is on by default in a `FargateCluster`).
 */
export function backlogPerTask(queueName: pulumi.Input<string>, subject: Pick<ScalingSubject, "clusterName" | "serviceName">) {
    return {
        metrics: [
            {
                id: "m1", label: "Visible messages", returnData: false,
                metricStat: { stat: "Sum", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: queueName }] } },
            },
            {
                id: "m2", label: "Running tasks", returnData: false,
                metricStat: {
                    stat: "Average",
                    metric: {
                        namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount",
                        dimensions: [{ name: "ClusterName", value: subject.clusterName }, { name: "ServiceName", value: subject.serviceName }],
                    },
                },
            },
            { id: "e1", label: "Backlog per task", expression: "m1 / m2", returnData: true },
        ],
    };
}
