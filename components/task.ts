/**
 * The task every service of this package runs, built once for `WebService` and `WorkerService`: the log group,
 * the execution and task roles with least-privilege policies, the task definition (the app container, its
 * sidecars and volumes) and the tasks' security group with its egress. Ingress is the caller's attachment.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { ContainerSpec, appMountPoints, containerDefinitions, efsVolumeName, writableVolumes } from "./containerDefinitions";
import * as d from "./defaults";
import { efsClientPolicy, executeCommandPolicy, executionPolicy, parseArn, taskTrustPolicy } from "./iamDocuments";
import { iamDescription, logGroupNamePrefix, MAX_ECS_NAME, MAX_ROLE_NAME, physicalName, rolePolicyNaming, securityGroupNaming } from "./names";
import type { Deployment, DeploymentStrategy, EfsVolume, ServiceConnect, Sidecar, TaskArgs } from "./taskArgs";

type Tags = pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined;

/** A service's defaults, resolved once: validation and wiring read the same values. */
export interface ResolvedTask {
    cpu: number;
    memory: number;
    architecture: string;
    desiredCount: number;
    /** Port the app listens on, or undefined for a worker that listens on none. */
    containerPort?: number;
    readonlyRootFilesystem: boolean;
    writablePaths: string[];
    enableExecuteCommand: boolean;
    sidecars: (Sidecar & { essential: boolean })[];
    efsVolumes: (EfsVolume & { readOnly: boolean })[];
    serviceConnect?: { namespace?: pulumi.Input<string>; discoveryName: string; clientOnly: boolean };
    deployment: Required<Omit<Deployment, "strategy">> & { strategy: DeploymentStrategy };
}

/** Resolves the defaults of `args` for the component `name`; `containerPort` is the service kind's own. */
export function resolveTask(name: string, args: TaskArgs, containerPort: number | undefined, scalingMinimum?: number): ResolvedTask {
    const deployment = args.deployment ?? {};
    return {
        cpu: args.cpu ?? d.DEFAULT_CPU,
        memory: args.memory ?? d.DEFAULT_MEMORY_MIB,
        architecture: args.architecture ?? d.DEFAULT_ARCHITECTURE,
        desiredCount: args.desiredCount ?? Math.max(d.DEFAULT_DESIRED_COUNT, scalingMinimum ?? 0),
        containerPort,
        readonlyRootFilesystem: args.readonlyRootFilesystem
            ?? ((args.enableExecuteCommand ?? d.DEFAULT_ENABLE_EXECUTE_COMMAND) ? d.DEFAULT_READONLY_ROOT_FILESYSTEM_WITH_EXECUTE_COMMAND : d.DEFAULT_READONLY_ROOT_FILESYSTEM),
        writablePaths: args.writablePaths ?? [],
        enableExecuteCommand: args.enableExecuteCommand ?? d.DEFAULT_ENABLE_EXECUTE_COMMAND,
        sidecars: (args.sidecars ?? []).map((s) => ({ ...s, essential: s.essential ?? d.DEFAULT_SIDECAR_ESSENTIAL })),
        efsVolumes: (args.efsVolumes ?? []).map((v) => ({ ...v, readOnly: v.readOnly ?? d.DEFAULT_EFS_READ_ONLY })),
        serviceConnect: args.serviceConnect && {
            namespace: args.serviceConnect.namespace,
            discoveryName: args.serviceConnect.discoveryName ?? name,
            clientOnly: args.serviceConnect.clientOnly ?? d.DEFAULT_SERVICE_CONNECT_CLIENT_ONLY,
        },
        deployment: {
            strategy: deployment.strategy ?? d.DEFAULT_DEPLOYMENT_STRATEGY,
            minimumHealthyPercent: deployment.minimumHealthyPercent ?? d.DEFAULT_MINIMUM_HEALTHY_PERCENT,
            maximumPercent: deployment.maximumPercent ?? d.DEFAULT_MAXIMUM_PERCENT,
            rollback: deployment.rollback ?? d.DEFAULT_ROLLBACK,
            waitForSteadyState: deployment.waitForSteadyState ?? d.DEFAULT_WAIT_FOR_STEADY_STATE,
            bakeTimeMinutes: deployment.bakeTimeMinutes ?? d.DEFAULT_BAKE_TIME_MINUTES,
            canaryPercent: deployment.canaryPercent ?? d.DEFAULT_CANARY_PERCENT,
            linearStepPercent: deployment.linearStepPercent ?? d.DEFAULT_LINEAR_STEP_PERCENT,
            stepBakeTimeMinutes: deployment.stepBakeTimeMinutes ?? d.DEFAULT_STEP_BAKE_TIME_MINUTES,
        },
    };
}

/** What a service is built on. */
export interface Task {
    taskDefinition: aws.ecs.TaskDefinition;
    executionRole: aws.iam.Role;
    taskRole: aws.iam.Role;
    logGroup: aws.cloudwatch.LogGroup;
    securityGroup: aws.ec2.SecurityGroup;
}

type Env = { [key: string]: string };

/** The app container and each sidecar, as the one container builder takes them. */
function containerSpecs(args: TaskArgs, task: ResolvedTask, image: string, environment: Env, secrets: Env, sidecars: { image: string; environment: Env; secrets: Env }[]): ContainerSpec[] {
    const hc = args.containerHealthCheck;
    const app: ContainerSpec = {
        name: d.CONTAINER_NAME,
        image,
        essential: true,
        ports: task.containerPort === undefined ? [] : [{ port: task.containerPort, name: task.serviceConnect ? d.SERVICE_CONNECT_PORT_NAME : undefined }],
        environment,
        secrets,
        command: args.command,
        entryPoint: args.entryPoint,
        healthCheck: hc && {
            command: hc.command,
            interval: hc.intervalSeconds ?? d.DEFAULT_CONTAINER_HEALTH_CHECK_INTERVAL_SECONDS,
            timeout: hc.timeoutSeconds ?? d.DEFAULT_CONTAINER_HEALTH_CHECK_TIMEOUT_SECONDS,
            retries: hc.retries ?? d.DEFAULT_CONTAINER_HEALTH_CHECK_RETRIES,
            startPeriod: hc.startPeriodSeconds,
        },
        stopTimeout: args.stopTimeoutSeconds,
        readonlyRootFilesystem: task.readonlyRootFilesystem,
        mountPoints: appMountPoints(task.writablePaths, task.efsVolumes),
        user: args.user,
    };
    return [app, ...task.sidecars.map((s, i): ContainerSpec => ({
        name: s.name,
        image: sidecars[i].image,
        essential: s.essential,
        cpu: s.cpu,
        memoryMiB: s.memoryMiB,
        ports: (s.ports ?? []).map((port) => ({ port })),
        environment: sidecars[i].environment,
        secrets: sidecars[i].secrets,
        command: s.command,
        readonlyRootFilesystem: task.readonlyRootFilesystem,
        mountPoints: [],
    }))];
}

/**
 * The task volumes: task-scoped ones for `writablePaths`, then EFS ones, always with transit encryption and, with
 * an access point, IAM authorization (ECS requires transit encryption for both). Source: ECS API reference,
 * "EFSVolumeConfiguration" and "EFSAuthorizationConfig".
 */
function taskVolumes(task: ResolvedTask): aws.types.input.ecs.TaskDefinitionVolume[] {
    return [
        ...writableVolumes(task.writablePaths),
        ...task.efsVolumes.map((v, i) => ({
            name: efsVolumeName(i),
            efsVolumeConfiguration: {
                fileSystemId: v.fileSystemId,
                transitEncryption: "ENABLED",
                ...(v.accessPointId !== undefined ? { authorizationConfig: { accessPointId: v.accessPointId, iam: "ENABLED" } } : {}),
            },
        })),
    ];
}

function allSecretArns(secrets: Env, sidecars: { secrets: Env }[]): string[] {
    return [...Object.values(secrets), ...sidecars.flatMap((s) => Object.values(s.secrets))];
}

/** Creates the task of the service `name` as children of `parent`; `securityGroupDescription` says who may reach it. */
export function createTask(name: string, args: TaskArgs, task: ResolvedTask, securityGroupDescription: string, parent: pulumi.Resource): Task {
    const opts = { parent };
    const tags: Tags = args.tags;
    const clusterArn = pulumi.output(args.clusterArn);

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
        namePrefix: logGroupNamePrefix(name),
        retentionInDays: args.logRetentionDays ?? d.DEFAULT_LOG_RETENTION_DAYS,
        kmsKeyId: args.logKmsKeyArn,
        skipDestroy: args.retainLogsOnDelete ?? d.DEFAULT_RETAIN_LOGS_ON_DELETE,
        tags,
    }, opts);

    const trustPolicy = clusterArn.apply(taskTrustPolicy);
    const executionRole = new aws.iam.Role(`${name}-exec-role`, {
        name: physicalName(`${name}-exec`, MAX_ROLE_NAME),
        description: iamDescription(`Starts the tasks of ${name}: pulls the image, writes logs, reads its secrets`),
        assumeRolePolicy: trustPolicy,
        tags,
    }, opts);
    const environment = pulumi.output(args.environment ?? {});
    const secrets = pulumi.output(args.secrets ?? {});
    const sidecars = pulumi.all(task.sidecars.map((s) => pulumi.all([s.image, pulumi.output(s.environment ?? {}), pulumi.output(s.secrets ?? {})])
        .apply(([image, env, sec]) => ({ image, environment: env as Env, secrets: sec as Env }))));
    new aws.iam.RolePolicy(`${name}-exec-policy`, {
        ...rolePolicyNaming(`${name}-exec-policy`),
        role: executionRole.id,
        policy: pulumi.all([clusterArn, args.image, logGroup.arn, secrets, sidecars, pulumi.all(args.secretsKmsKeyArns ?? [])])
            .apply(([cluster, image, logGroupArn, named, side, secretsKmsKeyArns]) => executionPolicy({
                clusterArn: cluster, images: [image, ...side.map((s) => s.image)], logGroupArn, secretArns: allSecretArns(named, side), secretsKmsKeyArns,
            })),
    }, opts);

    const taskRole = new aws.iam.Role(`${name}-task-role`, {
        name: physicalName(`${name}-task`, MAX_ROLE_NAME),
        description: iamDescription(`Identity of the app in the tasks of ${name}`),
        assumeRolePolicy: trustPolicy,
        tags,
    }, opts);
    if (task.enableExecuteCommand) {
        new aws.iam.RolePolicy(`${name}-exec-command-policy`, {
            ...rolePolicyNaming(`${name}-exec-command-policy`),
            role: taskRole.id,
            policy: pulumi.all([logGroup.arn, args.executeCommandKmsKeyArn]).apply(([logGroupArn, kmsKeyArn]) => executeCommandPolicy({ logGroupArn, kmsKeyArn })),
        }, opts);
    }
    if (args.taskRolePolicyJson !== undefined) {
        new aws.iam.RolePolicy(`${name}-task-policy`, { ...rolePolicyNaming(`${name}-task-policy`), role: taskRole.id, policy: args.taskRolePolicyJson }, opts);
    }
    (args.taskRolePolicyArns ?? []).forEach((policyArn, i) => {
        new aws.iam.RolePolicyAttachment(`${name}-task-policy-${i + 1}`, { role: taskRole.name, policyArn }, opts);
    });
    if (task.efsVolumes.length > 0) {
        const grants = pulumi.all(task.efsVolumes.map((v) => pulumi.all([v.fileSystemId, v.accessPointId])
            .apply(([fileSystemId, accessPointId]) => ({ fileSystemId, accessPointId, readOnly: v.readOnly }))));
        new aws.iam.RolePolicy(`${name}-efs-policy`, {
            ...rolePolicyNaming(`${name}-efs-policy`),
            role: taskRole.id,
            policy: pulumi.all([clusterArn, grants]).apply(([cluster, g]) => efsClientPolicy(cluster, g)),
        }, opts);
    }

    const taskDefinition = new aws.ecs.TaskDefinition(`${name}-task`, {
        family: args.family ?? physicalName(name, MAX_ECS_NAME),
        cpu: String(task.cpu),
        memory: String(task.memory),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: task.architecture },
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        volumes: taskVolumes(task),
        // Fargate: 21 to 200 GiB (ECS API reference, "EphemeralStorage").
        ephemeralStorage: args.ephemeralStorageGiB !== undefined ? { sizeInGib: args.ephemeralStorageGiB } : undefined,
        containerDefinitions: pulumi.all([args.image, logGroup.name, clusterArn, environment, secrets, sidecars])
            .apply(([image, logGroupName, cluster, env, sec, side]) => containerDefinitions(
                containerSpecs(args, task, image, env as Env, sec as Env, side),
                { logGroupName, region: parseArn(cluster).region },
            )),
        tags,
    }, opts);

    const securityGroup = new aws.ec2.SecurityGroup(`${name}-task-sg`, { ...securityGroupNaming(`${name}-task-sg`), vpcId: args.vpcId, description: securityGroupDescription, tags }, opts);
    new aws.vpc.SecurityGroupEgressRule(`${name}-task-out-all`, {
        securityGroupId: securityGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0",
        description: "Outbound to pull images, write logs and call dependencies", tags,
    }, opts);

    return { taskDefinition, executionRole, taskRole, logGroup, securityGroup };
}
