/**
 * The ECS service every service kind shares, with its optional auto scaling. Load balancing is a list of
 * attachments: one for a service behind its own or a shared load balancer, none for a worker.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { createAutoscaling, ScalingTargets } from "./autoscaling";
import { capacityStrategy } from "./clusterBuilders";
import * as d from "./defaults";
import { parseArn } from "./iamDocuments";
import { MAX_ECS_NAME, physicalName } from "./names";
import type { ResolvedTask, Task } from "./task";
import type { TaskArgs } from "./taskArgs";

/** A target group the service registers its tasks in. */
export interface ServiceAttachment {
    targetGroupArn: pulumi.Input<string>;
    containerPort: number;
    /** What attaches the target group to its load balancer (listeners or a rule): the service waits for it. */
    dependsOn: pulumi.Resource[];
    /** `<load balancer arnSuffix>/<target group arnSuffix>`, for request-count scaling. */
    requestCountLabel: pulumi.Input<string>;
    /** A traffic-shifting deployment's second target group, production rule and ECS infrastructure role. */
    advancedConfiguration?: { alternateTargetGroupArn: pulumi.Input<string>; productionListenerRule: pulumi.Input<string>; roleArn: pulumi.Input<string> };
}

/** What the service adds on top of the task. */
export interface ServiceSpec {
    attachments: ServiceAttachment[];
    healthCheckGracePeriodSeconds?: number;
    autoscaling?: ScalingTargets;
}

/**
 * ECS `deploymentConfiguration` of a traffic-shifting strategy; undefined for a rolling one, so existing services
 * see no change. Source: ECS API reference, "DeploymentConfiguration" (bake times 0 to 1440 minutes, canary
 * 0.1 to 100 percent, linear steps 3 to 100 percent).
 */
export function deploymentConfiguration(task: ResolvedTask): aws.types.input.ecs.ServiceDeploymentConfiguration | undefined {
    const dep = task.deployment;
    switch (dep.strategy) {
        case "BLUE_GREEN":
            return { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(dep.bakeTimeMinutes) };
        case "CANARY":
            return {
                strategy: "CANARY", bakeTimeInMinutes: String(dep.bakeTimeMinutes),
                canaryConfiguration: { canaryPercent: dep.canaryPercent, canaryBakeTimeInMinutes: String(dep.stepBakeTimeMinutes) },
            };
        case "LINEAR":
            return {
                strategy: "LINEAR", bakeTimeInMinutes: String(dep.bakeTimeMinutes),
                linearConfiguration: { stepPercent: dep.linearStepPercent, stepBakeTimeInMinutes: String(dep.stepBakeTimeMinutes) },
            };
        default:
            return undefined;
    }
}

/** Service Connect configuration: join the namespace, and publish the app's named port unless client-only. */
function serviceConnectConfiguration(task: ResolvedTask): aws.types.input.ecs.ServiceServiceConnectConfiguration | undefined {
    const sc = task.serviceConnect;
    if (!sc) {
        return undefined;
    }
    return {
        enabled: true,
        namespace: sc.namespace,
        services: sc.clientOnly || task.containerPort === undefined ? undefined : [{
            portName: d.SERVICE_CONNECT_PORT_NAME,
            discoveryName: sc.discoveryName,
            clientAlias: [{ port: task.containerPort, dnsName: sc.discoveryName }],
        }],
    };
}

/** Creates the ECS service `name` (and its auto scaling) on `task`, as children of `parent`. */
export function createService(name: string, args: TaskArgs, resolved: ResolvedTask, task: Task, spec: ServiceSpec, parent: pulumi.Resource): aws.ecs.Service {
    const clusterArn = pulumi.output(args.clusterArn);
    const scaling = spec.autoscaling;
    const service = new aws.ecs.Service(name, {
        name: args.serviceName ?? physicalName(name, MAX_ECS_NAME),
        cluster: clusterArn,
        taskDefinition: task.taskDefinition.arn,
        desiredCount: resolved.desiredCount,
        capacityProviderStrategies: capacityStrategy({
            onDemandBase: args.capacity?.onDemandBase ?? d.DEFAULT_ON_DEMAND_BASE,
            onDemandWeight: args.capacity?.onDemandWeight ?? d.DEFAULT_ON_DEMAND_WEIGHT,
            spotWeight: args.capacity?.spotWeight ?? d.DEFAULT_SPOT_WEIGHT,
        }),
        // terraform-provider-aws 6.x (under pulumi-aws 7) refuses to change `capacityProviderStrategies` on a
        // running service unless this is true ("force_new_deployment should be true when capacity_provider_strategy
        // is being updated", capacityProviderStrategyCustomizeDiff in internal/service/ecs/service.go). The
        // provider only sends it with an UpdateService call, which it makes only when some other setting
        // changed: no perpetual diff, and an unchanged `up` deploys nothing. Any in-place change rolls the tasks
        // (zero-downtime with the rolling defaults), which is also how `enableExecuteCommand` reaches them.
        forceNewDeployment: true,
        platformVersion: "LATEST",
        deploymentController: { type: "ECS" },
        deploymentConfiguration: deploymentConfiguration(resolved),
        deploymentCircuitBreaker: { enable: true, rollback: resolved.deployment.rollback },
        deploymentMinimumHealthyPercent: resolved.deployment.minimumHealthyPercent,
        deploymentMaximumPercent: resolved.deployment.maximumPercent,
        waitForSteadyState: resolved.deployment.waitForSteadyState,
        healthCheckGracePeriodSeconds: spec.attachments.length > 0 ? spec.healthCheckGracePeriodSeconds : undefined,
        loadBalancers: spec.attachments.map((a) => ({
            targetGroupArn: a.targetGroupArn, containerName: d.CONTAINER_NAME, containerPort: a.containerPort,
            ...(a.advancedConfiguration ? { advancedConfiguration: a.advancedConfiguration } : {}),
        })),
        serviceConnectConfiguration: serviceConnectConfiguration(resolved),
        networkConfiguration: {
            subnets: args.subnetIds,
            securityGroups: [task.securityGroup.id],
            assignPublicIp: args.assignPublicIp ?? d.DEFAULT_ASSIGN_PUBLIC_IP,
        },
        enableExecuteCommand: resolved.enableExecuteCommand,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        tags: args.tags,
    }, {
        parent,
        // A target group must be attached to its load balancer before a service can register in it.
        dependsOn: spec.attachments.flatMap((a) => a.dependsOn),
        // Auto scaling owns the task count: a later deploy must not reset it to `desiredCount`.
        ignoreChanges: scaling ? ["desiredCount"] : [],
    });

    if (scaling) {
        createAutoscaling(name, scaling, {
            clusterName: clusterArn.apply((arn) => parseArn(arn).resource.split("/")[1]),
            serviceName: service.name,
            requestCountLabel: spec.attachments[0]?.requestCountLabel,
            tags: args.tags,
        }, parent);
    }
    return service;
}
