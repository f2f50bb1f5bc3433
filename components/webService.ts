import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAutoscaling } from "./autoscaling";
import { capacityStrategy } from "./clusterBuilders";
import { containerDefinitions, writableVolumes } from "./containerDefinitions";
import * as d from "./defaults";
import { executeCommandPolicy, executionPolicy, parseArn, taskTrustPolicy } from "./iamDocuments";
import { createLoadBalancing } from "./loadBalancing";
import { iamDescription, logGroupNamePrefix, MAX_ECS_NAME, MAX_ROLE_NAME, physicalName, rolePolicyNaming } from "./names";
import { throwIfInvalid } from "./validate";
import { WebServiceArgs } from "./webServiceArgs";
import { validateWebServiceArgs } from "./webServiceValidation";

/**
 * A load-balanced, auto-scaling web service on ECS Fargate: task definition, least-privilege execution and task
 * roles, log group, security groups, an application load balancer with its target group and listeners, the ECS
 * service with a rolling deployment guarded by the circuit breaker, and optional auto scaling.
 */
export class WebService extends pulumi.ComponentResource {
    /** URL of the service: `https://` with a certificate, else `http://`, on `domainName` if given, else on the load balancer's DNS name. */
    public readonly url: pulumi.Output<string>;
    /** DNS name of the load balancer (point the alias record of `domainName` here). */
    public readonly loadBalancerDnsName: pulumi.Output<string>;
    /** ARN of the load balancer. */
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
    /** ID of the load balancer's security group. */
    public readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
    /** Name of the CloudWatch log group of the container. */
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: WebServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        // Validate before registering anything, the component included: bad input leaves no trace in the stack.
        throwIfInvalid("WebService", name, validateWebServiceArgs(args));
        super("ecs-fargate:index:WebService", name, {}, opts);

        const parent = { parent: this };
        const containerPort = args.containerPort ?? d.DEFAULT_CONTAINER_PORT;
        const clusterArn = pulumi.output(args.clusterArn);

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            namePrefix: logGroupNamePrefix(name),
            retentionInDays: args.logRetentionDays ?? d.DEFAULT_LOG_RETENTION_DAYS,
            kmsKeyId: args.logKmsKeyArn,
            skipDestroy: args.retainLogsOnDelete ?? d.DEFAULT_RETAIN_LOGS_ON_DELETE,
            tags: args.tags,
        }, parent);

        const trustPolicy = clusterArn.apply(taskTrustPolicy);
        const executionRole = new aws.iam.Role(`${name}-exec-role`, {
            name: physicalName(`${name}-exec`, MAX_ROLE_NAME),
            description: iamDescription(`Starts the tasks of ${name}: pulls the image, writes logs, reads its secrets`),
            assumeRolePolicy: trustPolicy,
            tags: args.tags,
        }, parent);
        const secrets = pulumi.output(args.secrets ?? {});
        new aws.iam.RolePolicy(`${name}-exec-policy`, {
            ...rolePolicyNaming(`${name}-exec-policy`),
            role: executionRole.id,
            policy: pulumi.all([clusterArn, args.image, logGroup.arn, secrets, pulumi.all(args.secretsKmsKeyArns ?? [])])
                .apply(([cluster, image, logGroupArn, named, secretsKmsKeyArns]) =>
                    executionPolicy({ clusterArn: cluster, image, logGroupArn, secretArns: Object.values(named), secretsKmsKeyArns })),
        }, parent);

        const taskRole = new aws.iam.Role(`${name}-task-role`, {
            name: physicalName(`${name}-task`, MAX_ROLE_NAME),
            description: iamDescription(`Identity of the app in the tasks of ${name}`),
            assumeRolePolicy: trustPolicy,
            tags: args.tags,
        }, parent);
        const executeCommand = args.enableExecuteCommand ?? d.DEFAULT_ENABLE_EXECUTE_COMMAND;
        if (executeCommand) {
            new aws.iam.RolePolicy(`${name}-exec-command-policy`, {
                ...rolePolicyNaming(`${name}-exec-command-policy`),
                role: taskRole.id,
                policy: pulumi.all([logGroup.arn, args.executeCommandKmsKeyArn]).apply(([logGroupArn, kmsKeyArn]) =>
                    executeCommandPolicy({ logGroupArn, kmsKeyArn })),
            }, parent);
        }
        if (args.taskRolePolicyJson !== undefined) {
            new aws.iam.RolePolicy(`${name}-task-policy`, { ...rolePolicyNaming(`${name}-task-policy`), role: taskRole.id, policy: args.taskRolePolicyJson }, parent);
        }
        (args.taskRolePolicyArns ?? []).forEach((policyArn, i) => {
            new aws.iam.RolePolicyAttachment(`${name}-task-policy-${i + 1}`, { role: taskRole.name, policyArn }, parent);
        });

        const writablePaths = args.writablePaths ?? [];
        const taskDefinition = new aws.ecs.TaskDefinition(`${name}-task`, {
            family: args.family ?? physicalName(name, MAX_ECS_NAME),
            cpu: String(args.cpu ?? d.DEFAULT_CPU),
            memory: String(args.memory ?? d.DEFAULT_MEMORY_MIB),
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.architecture ?? d.DEFAULT_ARCHITECTURE },
            executionRoleArn: executionRole.arn,
            taskRoleArn: taskRole.arn,
            volumes: writableVolumes(writablePaths),
            containerDefinitions: pulumi.all([args.image, logGroup.name, clusterArn, pulumi.output(args.environment ?? {}), secrets])
                .apply(([image, logGroupName, cluster, environment, secrets]) => containerDefinitions({
                    image, containerPort, environment, secrets, writablePaths, user: args.user, logGroupName,
                    readonlyRootFilesystem: args.readonlyRootFilesystem
                        ?? (executeCommand ? d.DEFAULT_READONLY_ROOT_FILESYSTEM_WITH_EXECUTE_COMMAND : d.DEFAULT_READONLY_ROOT_FILESYSTEM),
                    region: parseArn(cluster).region,
                })),
            tags: args.tags,
        }, parent);

        const hc = args.healthCheck ?? {};
        const lb = createLoadBalancing(name, {
            vpcId: args.vpcId,
            loadBalancerSubnetIds: args.loadBalancerSubnetIds,
            containerPort,
            certificateArn: args.certificateArn,
            internal: args.internal ?? d.DEFAULT_INTERNAL,
            allowedCidrs: args.allowedCidrs ?? d.DEFAULT_ALLOWED_CIDRS,
            healthCheck: {
                path: hc.path ?? d.DEFAULT_HEALTH_CHECK_PATH,
                interval: hc.intervalSeconds ?? d.DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
                timeout: hc.timeoutSeconds ?? d.DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS,
                healthyThreshold: hc.healthyThreshold ?? d.DEFAULT_HEALTHY_THRESHOLD,
                unhealthyThreshold: hc.unhealthyThreshold ?? d.DEFAULT_UNHEALTHY_THRESHOLD,
                matcher: hc.matcher ?? d.DEFAULT_HEALTH_CHECK_MATCHER,
            },
            deregistrationDelaySeconds: args.deregistrationDelaySeconds ?? d.DEFAULT_DEREGISTRATION_DELAY_SECONDS,
            deletionProtection: args.deletionProtection ?? d.DEFAULT_DELETION_PROTECTION,
            accessLogsBucket: args.accessLogsBucket,
            webAclArn: args.webAclArn,
            tags: args.tags,
        }, this);

        const deployment = args.deployment ?? {};
        const scaling = args.autoscaling;
        const service = new aws.ecs.Service(name, {
            name: args.serviceName ?? physicalName(name, MAX_ECS_NAME),
            cluster: clusterArn,
            taskDefinition: taskDefinition.arn,
            desiredCount: args.desiredCount ?? Math.max(d.DEFAULT_DESIRED_COUNT, scaling?.minCapacity ?? 0),
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
            deploymentCircuitBreaker: { enable: true, rollback: deployment.rollback ?? d.DEFAULT_ROLLBACK },
            deploymentMinimumHealthyPercent: deployment.minimumHealthyPercent ?? d.DEFAULT_MINIMUM_HEALTHY_PERCENT,
            deploymentMaximumPercent: deployment.maximumPercent ?? d.DEFAULT_MAXIMUM_PERCENT,
            waitForSteadyState: deployment.waitForSteadyState ?? d.DEFAULT_WAIT_FOR_STEADY_STATE,
            healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds ?? d.DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS,
            loadBalancers: [{ targetGroupArn: lb.targetGroup.arn, containerName: d.CONTAINER_NAME, containerPort }],
            networkConfiguration: {
                subnets: args.subnetIds,
                securityGroups: [lb.taskSecurityGroup.id],
                assignPublicIp: args.assignPublicIp ?? d.DEFAULT_ASSIGN_PUBLIC_IP,
            },
            enableExecuteCommand: args.enableExecuteCommand ?? d.DEFAULT_ENABLE_EXECUTE_COMMAND,
            propagateTags: "SERVICE",
            enableEcsManagedTags: true,
            tags: args.tags,
        }, {
            parent: this,
            // The target group must be attached to the load balancer before a service can register in it.
            dependsOn: lb.listeners,
            // Auto scaling owns the task count: a later deploy must not reset it to `desiredCount`.
            ignoreChanges: scaling ? ["desiredCount"] : [],
        });

        if (scaling) {
            createAutoscaling(name, scaling, {
                clusterName: clusterArn.apply((arn) => parseArn(arn).resource.split("/")[1]),
                serviceName: service.name,
                requestCountLabel: pulumi.interpolate`${lb.loadBalancer.arnSuffix}/${lb.targetGroup.arnSuffix}`,
                tags: args.tags,
            }, this);
        }

        const scheme = args.certificateArn !== undefined ? "https" : "http";
        this.url = pulumi.interpolate`${scheme}://${args.domainName ?? lb.loadBalancer.dnsName}`;
        this.loadBalancerDnsName = lb.loadBalancer.dnsName;
        this.loadBalancerArn = lb.loadBalancer.arn;
        this.targetGroupArn = lb.targetGroup.arn;
        this.serviceName = service.name;
        this.serviceArn = service.arn;
        this.taskDefinitionArn = taskDefinition.arn;
        this.taskRoleArn = taskRole.arn;
        this.executionRoleArn = executionRole.arn;
        this.securityGroupId = lb.taskSecurityGroup.id;
        this.loadBalancerSecurityGroupId = lb.loadBalancerSecurityGroup.id;
        this.logGroupName = logGroup.name;
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
