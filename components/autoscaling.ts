/**
 * Application Auto Scaling of a `WebService`'s task count: the scalable target, target-tracking policies and
 * scheduled actions, as children of the service component.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_CPU_TARGET_PERCENT, DEFAULT_SCALE_IN_COOLDOWN_SECONDS, DEFAULT_SCALE_OUT_COOLDOWN_SECONDS } from "./defaults";
import { scheduledActionNaming } from "./names";
import type { Autoscaling } from "./webServiceArgs";

/** One target-tracking policy: which metric, and the value to keep it near. */
export interface TrackingTarget {
    role: string;
    metric: "ECSServiceAverageCPUUtilization" | "ECSServiceAverageMemoryUtilization" | "ALBRequestCountPerTarget";
    value: number;
}

/** The target-tracking policies of `scaling`: those asked for, or CPU at 60% when none is. */
export function trackingTargets(scaling: Autoscaling): TrackingTarget[] {
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
    return targets.length > 0 ? targets : [{ role: "cpu", metric: "ECSServiceAverageCPUUtilization", value: DEFAULT_CPU_TARGET_PERCENT }];
}

/** What scaling is attached to. */
export interface ScalingSubject {
    clusterName: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    /** `<load balancer arnSuffix>/<target group arnSuffix>`, the label of the request-count metric. */
    requestCountLabel: pulumi.Input<string>;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Creates the scalable target, its policies and scheduled actions as children of `parent`. */
export function createAutoscaling(name: string, scaling: Autoscaling, subject: ScalingSubject, parent: pulumi.Resource): aws.appautoscaling.Target {
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
                predefinedMetricSpecification: {
                    predefinedMetricType: tracking.metric,
                    resourceLabel: tracking.metric === "ALBRequestCountPerTarget" ? subject.requestCountLabel : undefined,
                },
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
