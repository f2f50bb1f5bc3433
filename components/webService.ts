import * as pulumi from "@pulumi/pulumi";
import * as d from "./defaults";
import { Alb, admitLoadBalancer, createAlb, createRoutedAttachment, createTargetGroup, TargetGroupSpec } from "./loadBalancing";
import { ec2Description } from "./names";
import { createService, ServiceAttachment } from "./service";
import { createTask, resolveTask, Task } from "./task";
import { throwIfInvalid } from "./validate";
import { WebServiceArgs } from "./webServiceArgs";
import { validateWebServiceArgs } from "./webServiceValidation";

/**
 * A load-balanced, auto-scaling web service on ECS Fargate: task definition, least-privilege execution and task
 * roles, log group, security groups, an application load balancer of its own (or a target group and listener rule
 * on a shared `LoadBalancer`), the ECS service with a deployment guarded by the circuit breaker, and optional
 * auto scaling.
 */
export class WebService extends pulumi.ComponentResource {
    /** URL of the service: `https://` with a certificate, else `http://`, on `domainName` if given, else on its own load balancer's DNS name; empty behind a shared `LoadBalancer` without a `domainName` (use the load balancer's `url`). */
    public readonly url: pulumi.Output<string>;
    /** DNS name of its own load balancer (point the alias record of `domainName` here); empty behind a shared `LoadBalancer`. */
    public readonly loadBalancerDnsName: pulumi.Output<string>;
    /** ARN of its own load balancer; empty behind a shared `LoadBalancer`. */
    public readonly loadBalancerArn: pulumi.Output<string>;
    /** ARN of the target group the tasks register in. */
    public readonly targetGroupArn: pulumi.Output<string>;
    /** Name of the ECS service. */
    public readonly serviceName: pulumi.Output<string>;
    /** ARN of the ECS service. */
    public readonly serviceArn: pulumi.Output<string>;
    /** ARN of the task definition (with its revision). */
    public readonly taskDefinitionArn: pulumi.Output<string>;
    /** ARN of the task role (the app's own AWS permissions). */
    public readonly taskRoleArn: pulumi.Output<string>;
    /** ARN of the execution role (image pull, logs, secrets at start). */
    public readonly executionRoleArn: pulumi.Output<string>;
    /** ID of the tasks' security group. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** ID of the load balancer's security group (the shared one's behind a `LoadBalancer`). */
    public readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
    /** Name of the CloudWatch log group of the containers. */
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: WebServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        // Validate before registering anything, the component included: bad input leaves no trace in the stack.
        throwIfInvalid("WebService", name, validateWebServiceArgs(args, name));
        super("ecs-fargate:index:WebService", name, {}, opts);

        const resolved = resolveTask(name, args, args.containerPort ?? d.DEFAULT_CONTAINER_PORT, args.autoscaling?.minCapacity);
        const task = createTask(name, args, resolved, ec2Description("Tasks of ", name, ": only the load balancer in"), this);
        const { attachment, targetGroupArn, own } = attachWebService(name, args, task, resolved.deployment.strategy !== "ROLLING", this);
        const service = createService(name, args, resolved, task, {
            attachments: [attachment],
            healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds ?? d.DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS,
            autoscaling: args.autoscaling,
        }, this);

        const scheme = args.certificateArn !== undefined ? "https" : "http";
        const host = args.domainName ?? own?.loadBalancer.dnsName;
        this.url = host !== undefined ? pulumi.interpolate`${scheme}://${host}` : pulumi.output("");
        this.loadBalancerDnsName = own ? own.loadBalancer.dnsName : pulumi.output("");
        this.loadBalancerArn = own ? own.loadBalancer.arn : pulumi.output("");
        this.targetGroupArn = targetGroupArn;
        this.serviceName = service.name;
        this.serviceArn = service.arn;
        this.taskDefinitionArn = task.taskDefinition.arn;
        this.taskRoleArn = task.taskRole.arn;
        this.executionRoleArn = task.executionRole.arn;
        this.securityGroupId = task.securityGroup.id;
        this.loadBalancerSecurityGroupId = own ? own.securityGroup.id : pulumi.output(args.loadBalancer!.securityGroupId);
        this.logGroupName = task.logGroup.name;
        this.registerOutputs({
            url: this.url,
            loadBalancerDnsName: this.loadBalancerDnsName,
            loadBalancerArn: this.loadBalancerArn,
            targetGroupArn: this.targetGroupArn,
            serviceName: this.serviceName,
            serviceArn: this.serviceArn,
            taskDefinitionArn: this.taskDefinitionArn,
            taskRoleArn: this.taskRoleArn,
            executionRoleArn: this.executionRoleArn,
            securityGroupId: this.securityGroupId,
            loadBalancerSecurityGroupId: this.loadBalancerSecurityGroupId,
            logGroupName: this.logGroupName,
        });
    }
}

/**
 * The web service's attachment to load balancing, one of three shapes: a shared `LoadBalancer` (a target group and a
 * listener rule), its own load balancer forwarding to its target group, or (traffic-shifting deployments) its own
 * load balancer whose listener routes through a rule ECS can re-weight.
 */
function attachWebService(name: string, args: WebServiceArgs, task: Task, shiftsTraffic: boolean, parent: pulumi.Resource): { attachment: ServiceAttachment; targetGroupArn: pulumi.Output<string>; own?: Alb } {
    const containerPort = args.containerPort ?? d.DEFAULT_CONTAINER_PORT;
    const hc = args.healthCheck ?? {};
    const tgSpec: TargetGroupSpec = {
        vpcId: args.vpcId,
        containerPort,
        healthCheck: {
            path: hc.path ?? d.DEFAULT_HEALTH_CHECK_PATH,
            interval: hc.intervalSeconds ?? d.DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
            timeout: hc.timeoutSeconds ?? d.DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS,
            healthyThreshold: hc.healthyThreshold ?? d.DEFAULT_HEALTHY_THRESHOLD,
            unhealthyThreshold: hc.unhealthyThreshold ?? d.DEFAULT_UNHEALTHY_THRESHOLD,
            matcher: hc.matcher ?? d.DEFAULT_HEALTH_CHECK_MATCHER,
        },
        deregistrationDelaySeconds: args.deregistrationDelaySeconds ?? d.DEFAULT_DEREGISTRATION_DELAY_SECONDS,
        tags: args.tags,
    };
    const shifting = shiftsTraffic ? { clusterArn: args.clusterArn } : undefined;
    const shared = args.loadBalancer;
    if (shared) {
        const routed = createRoutedAttachment(name, tgSpec, { ...shared, tags: args.tags }, shared.arnSuffix, shifting, parent);
        admitLoadBalancer(name, shared.securityGroupId, task.securityGroup.id, containerPort, args.tags, parent);
        return { attachment: routed.attachment, targetGroupArn: routed.targetGroup.arn };
    }
    const albSpec = {
        vpcId: args.vpcId,
        subnetIds: args.loadBalancerSubnetIds!,
        certificateArn: args.certificateArn,
        internal: args.internal ?? d.DEFAULT_INTERNAL,
        allowedCidrs: args.allowedCidrs ?? d.DEFAULT_ALLOWED_CIDRS,
        deletionProtection: args.deletionProtection ?? d.DEFAULT_DELETION_PROTECTION,
        accessLogsBucket: args.accessLogsBucket,
        webAclArn: args.webAclArn,
        tags: args.tags,
    };
    const names = { loadBalancer: `${name}-alb`, securityGroup: `${name}-lb-sg`, base: name, ingress: `${name}-lb-in`, description: ec2Description("Load balancer of ", name, ": listeners in, container port out") };
    let attachment: ServiceAttachment;
    let targetGroupArn: pulumi.Output<string>;
    let own: Alb;
    if (shifting) {
        // ECS shifts traffic by re-weighting a listener rule, so the listener itself answers 404 to what no rule takes.
        own = createAlb(names, name, albSpec, "not-found", parent);
        const routed = createRoutedAttachment(name, tgSpec, { listenerArn: own.servingListener.arn, priority: 1, pathPatterns: ["/*"], tags: args.tags }, own.loadBalancer.arnSuffix, shifting, parent);
        attachment = routed.attachment;
        targetGroupArn = routed.targetGroup.arn;
    } else {
        const targetGroup = createTargetGroup(`${name}-tg`, name, tgSpec, [], parent);
        own = createAlb(names, name, albSpec, { targetGroupArn: targetGroup.arn }, parent);
        attachment = {
            targetGroupArn: targetGroup.arn, containerPort, dependsOn: own.listeners,
            requestCountLabel: pulumi.interpolate`${own.loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`,
        };
        targetGroupArn = targetGroup.arn;
    }
    admitLoadBalancer(name, own.securityGroup.id, task.securityGroup.id, containerPort, args.tags, parent);
    return { attachment, targetGroupArn, own };
}
