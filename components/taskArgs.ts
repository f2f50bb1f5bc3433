/**
 * The arguments every ECS service of this package shares (`WebService` and `WorkerService` extend `TaskArgs`):
 * cluster and network, image and size, the container and its sidecars, IAM, logging, deployment and capacity.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Capacity } from "./clusterArgs";

/** CPU architectures of a Fargate task. */
export const Architecture = {
    /** 64-bit x86. */
    X86_64: "X86_64",
    /** 64-bit ARM (Graviton): about 20% cheaper per vCPU- and GB-hour. */
    ARM64: "ARM64",
} as const;
export type Architecture = (typeof Architecture)[keyof typeof Architecture];

/** How ECS moves a service to a new task definition. */
export const DeploymentStrategy = {
    /** Replace tasks a few at a time, within `minimumHealthyPercent` and `maximumPercent`. */
    Rolling: "ROLLING",
    /** Start a full new (green) set, move all production traffic to it at once, keep the old set for the bake time. */
    BlueGreen: "BLUE_GREEN",
    /** Move `canaryPercent` of the traffic to the new set first, then the rest after the canary bake time. */
    Canary: "CANARY",
    /** Move the traffic in equal steps of `linearStepPercent`, waiting `stepBakeTimeMinutes` after each. */
    Linear: "LINEAR",
} as const;
export type DeploymentStrategy = (typeof DeploymentStrategy)[keyof typeof DeploymentStrategy];

/** How a new task definition rolls out. */
export interface Deployment {
    /** How ECS moves the service to a new task definition: `ROLLING`, or on a `WebService` `BLUE_GREEN`, `CANARY` or `LINEAR`. Defaults to `ROLLING`. */
    strategy?: DeploymentStrategy;
    /** Lowest share of the desired tasks kept running during a deploy, in percent (0 to 100). Defaults to `100`. */
    minimumHealthyPercent?: number;
    /** Highest share of the desired tasks running during a deploy, in percent (100 to 200, above the minimum). Defaults to `200`. */
    maximumPercent?: number;
    /** Roll back to the last working deployment when the circuit breaker trips (the breaker itself is always on). Defaults to `true`. */
    rollback?: boolean;
    /** Make `pulumi up` wait until the deploy finishes, so a rolled-back deploy fails the update. Defaults to `true`. */
    waitForSteadyState?: boolean;
    /** Minutes the old and new task sets both run after all traffic has moved, before the old set stops (0 to 1440; `BLUE_GREEN`, `CANARY`, `LINEAR`). Defaults to `5`. */
    bakeTimeMinutes?: number;
    /** Share of the traffic a `CANARY` deploy moves first, in percent (0.1 to 100). Defaults to `10`. */
    canaryPercent?: number;
    /** Share of the traffic each step of a `LINEAR` deploy moves, in percent (3 to 100). Defaults to `25`. */
    linearStepPercent?: number;
    /** Minutes a `CANARY` deploy waits after the canary, or a `LINEAR` one after each step (0 to 1440). Defaults to `5`. */
    stepBakeTimeMinutes?: number;
}

/** A scheduled change of the auto scaling bounds. */
export interface Schedule {
    /** Name of the scheduled action, unique within the service (letters, digits, `-`, `_`). */
    name: string;
    /** When it runs: `cron(…)`, `rate(…)` or `at(…)` in Application Auto Scaling syntax, e.g. `cron(0 8 ? * MON-FRI *)`. */
    schedule: string;
    /** New minimum task count. Defaults to leaving the minimum unchanged. */
    minCapacity?: number;
    /** New maximum task count. Defaults to leaving the maximum unchanged. */
    maxCapacity?: number;
    /** IANA time zone of a cron schedule, e.g. `Europe/Berlin`. Defaults to UTC. */
    timezone?: string;
}

/** Bounds and targets every service's auto scaling shares. */
export interface ScalingBounds {
    /** Fewest tasks. */
    minCapacity: number;
    /** Most tasks. */
    maxCapacity: number;
    /** Keep average CPU utilisation near this percentage. Defaults to `60` when no target is given. */
    cpuTargetPercent?: number;
    /** Keep average memory utilisation near this percentage. Defaults to no memory target. */
    memoryTargetPercent?: number;
    /** Seconds after a scale-in before the next one. Defaults to `300`. */
    scaleInCooldownSeconds?: number;
    /** Seconds after a scale-out before the next one. Defaults to `60`. */
    scaleOutCooldownSeconds?: number;
    /** Scheduled changes of the bounds, e.g. fewer tasks at night. */
    schedules?: Schedule[];
}

/** A command ECS runs inside the container to judge its health (the container's own health check). */
export interface ContainerHealthCheck {
    /** The command, e.g. `["CMD-SHELL", "curl -f http://localhost/health || exit 1"]`; it starts with `CMD` or `CMD-SHELL`. */
    command: string[];
    /** Seconds between checks (5 to 300). Defaults to `30`. */
    intervalSeconds?: number;
    /** Seconds a check may take before it fails (2 to 60). Defaults to `5`. */
    timeoutSeconds?: number;
    /** Consecutive failures before the container is unhealthy (1 to 10). Defaults to `3`. */
    retries?: number;
    /** Seconds after start during which failures do not count (0 to 300). Defaults to `0`. */
    startPeriodSeconds?: number;
}

/** An extra container in every task of the service (a log router, proxy or agent), next to the app. */
export interface Sidecar {
    /** Name of the container, unique in the task (letters, digits, `-`, `_`; not `app`). */
    name: string;
    /** Image of the container. */
    image: pulumi.Input<string>;
    /** Stop the whole task when this container stops. Defaults to `false`. */
    essential?: boolean;
    /** CPU units reserved for the container, counted against the task's `cpu`. Defaults to none reserved. */
    cpu?: number;
    /** Memory in MiB the container may use at most, counted against the task's `memory`. Defaults to no limit of its own. */
    memoryMiB?: number;
    /** TCP ports the container listens on. Defaults to none. */
    ports?: number[];
    /** Plain environment variables of the container. */
    environment?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Environment variables read at start from Secrets Manager secrets or SSM parameters: name → ARN. */
    secrets?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Command the container runs, replacing the image's `CMD`. Defaults to the image's. */
    command?: string[];
}

/** An Amazon EFS file system mounted into the app container. */
export interface EfsVolume {
    /** ID of the file system, e.g. `fs-0123456789abcdef0`. */
    fileSystemId: pulumi.Input<string>;
    /** Absolute path the file system is mounted at in the container. */
    containerPath: string;
    /** ID of an EFS access point to mount through (enables IAM authorization), e.g. `fsap-0123456789abcdef0`. Defaults to the file system's root. */
    accessPointId?: pulumi.Input<string>;
    /** Mount it read-only (the task role then gets no write permission). Defaults to `false`. */
    readOnly?: boolean;
}

/** ECS Service Connect: how the service joins the cluster's service mesh. */
export interface ServiceConnect {
    /** Name or ARN of the Cloud Map namespace to join. Defaults to the cluster's Service Connect namespace. */
    namespace?: pulumi.Input<string>;
    /** Name clients reach the service as, e.g. `orders` for `http://orders:8080` (letters, digits, `-`). Defaults to the component name. */
    discoveryName?: string;
    /** Only call other services; publish no endpoint of its own. Defaults to `false`. */
    clientOnly?: boolean;
}

/** Arguments every service of this package shares. */
export interface TaskArgs {
    /** ARN of the ECS cluster to run in (e.g. a `FargateCluster`'s `clusterArn`). */
    clusterArn: pulumi.Input<string>;
    /** ID of the VPC of the subnets. */
    vpcId: pulumi.Input<string>;
    /** IDs of the subnets the tasks run in (private subnets unless `assignPublicIp`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Container image to run, best pinned by digest (a `Registry`'s `imageUri`). */
    image: pulumi.Input<string>;
    /** Task CPU units (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384. Defaults to `256`. */
    cpu?: number;
    /** Task memory in MiB; must be a Fargate size for the `cpu`. Defaults to `512`. */
    memory?: number;
    /** CPU architecture of the task: `X86_64` or `ARM64`; match the image. Defaults to `X86_64`. */
    architecture?: Architecture;
    /** Tasks to run; with `autoscaling`, only the first deploy uses it. Defaults to `1` (or the autoscaling minimum if higher). */
    desiredCount?: number;
    /** Plain environment variables of the container. Never put secrets here; use `secrets`. */
    environment?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Environment variables read at start from Secrets Manager secrets or SSM parameters: name → ARN. */
    secrets?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** ARNs of the customer-managed KMS keys the `secrets` (the app's and the sidecars') are encrypted with; the execution role may decrypt with exactly these. Defaults to none (secrets under AWS managed keys need none). */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Command the container runs, replacing the image's `CMD`. Defaults to the image's. */
    command?: string[];
    /** Entry point of the container, replacing the image's `ENTRYPOINT`. Defaults to the image's. */
    entryPoint?: string[];
    /** A command ECS runs in the container to judge its health. Defaults to none (the image's `HEALTHCHECK` is ignored by ECS). */
    containerHealthCheck?: ContainerHealthCheck;
    /** Seconds the container has to exit after `SIGTERM` before it is killed (2 to 120). Defaults to ECS's `30`. */
    stopTimeoutSeconds?: number;
    /** GiB of ephemeral storage of the task (21 to 200). Defaults to Fargate's 20 GiB. */
    ephemeralStorageGiB?: number;
    /** Extra containers in each task (log routers, proxies, agents); their CPU and memory count against the task's. */
    sidecars?: Sidecar[];
    /** EFS file systems mounted into the app container, always with transit encryption. */
    efsVolumes?: EfsVolume[];
    /** Join ECS Service Connect. Defaults to not joining. */
    serviceConnect?: ServiceConnect;
    /**
     * Mount the containers' root file systems read-only. ECS Exec cannot run on a read-only root (its SSM agent writes
     * to it), so `true` together with `enableExecuteCommand` is rejected. Defaults to `true`, or to `false` when
     * `enableExecuteCommand` is on.
     */
    readonlyRootFilesystem?: boolean;
    /** Absolute paths mounted read-write on task-scoped storage (e.g. `/tmp`), for a read-only root file system. */
    writablePaths?: string[];
    /** User (and optionally group) the container runs as, e.g. `1000:1000`. Defaults to the image's user. */
    user?: string;
    /** Days CloudWatch keeps the logs (a CloudWatch retention value, e.g. 30, 90, 365). Defaults to `30`. */
    logRetentionDays?: number;
    /** ARN of a KMS key to encrypt the logs with (its key policy must allow CloudWatch Logs). Defaults to CloudWatch's own encryption. */
    logKmsKeyArn?: pulumi.Input<string>;
    /** Keep the log group and its logs when the service is deleted. Defaults to `true`. */
    retainLogsOnDelete?: boolean;
    /** ARNs of IAM policies to attach to the task role (the app's own AWS permissions); a list known at construction, each ARN may be an output. */
    taskRolePolicyArns?: pulumi.Input<string>[];
    /** An IAM policy document (JSON) with the app's own AWS permissions, attached inline to the task role. */
    taskRolePolicyJson?: pulumi.Input<string>;
    /**
     * Allow ECS Exec (a shell into running tasks): grants the task role exactly the SSM channels and session logging
     * to the service's log group it needs, and makes the root file system writable unless `readonlyRootFilesystem`
     * says otherwise. Defaults to `false`.
     */
    enableExecuteCommand?: boolean;
    /** ARN of the KMS key the cluster encrypts ECS Exec sessions with (its `executeCommandKmsKeyArn`); the task role may decrypt with exactly this key. Only with `enableExecuteCommand`. Defaults to none. */
    executeCommandKmsKeyArn?: pulumi.Input<string>;
    /** Name of the ECS service. Defaults to one derived from the component name. */
    serviceName?: string;
    /** Family of the task definition. Defaults to one derived from the component name. */
    family?: string;
    /** Give tasks public IP addresses (needed in public subnets without NAT). Defaults to `false`. */
    assignPublicIp?: boolean;
    /** Deployment settings; the circuit breaker is always on. */
    deployment?: Deployment;
    /** This service's on-demand/Spot split. Defaults to one on-demand task as base and the rest on-demand. */
    capacity?: Capacity;
    /** Tags applied to every taggable child; the service propagates them to its tasks. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
