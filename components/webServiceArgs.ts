/**
 * The arguments of a `WebService`: the cross-language contract (Python and Go users see exactly these).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Capacity } from "./cluster";

/** CPU architectures of a Fargate task. */
export const Architecture = {
    /** 64-bit x86. */
    X86_64: "X86_64",
    /** 64-bit ARM (Graviton): about 20% cheaper per vCPU- and GB-hour. */
    ARM64: "ARM64",
} as const;
export type Architecture = (typeof Architecture)[keyof typeof Architecture];

/** The load balancer's health check of the container. */
export interface HealthCheck {
    /** Path requested on the container. Defaults to `/`. */
    path?: string;
    /** Seconds between checks (5 to 300). Defaults to `10`. */
    intervalSeconds?: number;
    /** Seconds a check may take before it fails (2 to 120, less than the interval). Defaults to `5`. */
    timeoutSeconds?: number;
    /** Consecutive passes before a target is healthy (2 to 10). Defaults to `2`. */
    healthyThreshold?: number;
    /** Consecutive failures before a target is unhealthy (2 to 10). Defaults to `3`. */
    unhealthyThreshold?: number;
    /** HTTP status codes of a healthy answer, e.g. `200` or `200-299`. Defaults to `200-399`. */
    matcher?: string;
}

/** How a new task definition rolls out. */
export interface Deployment {
    /** Lowest share of the desired tasks kept running during a deploy, in percent (0 to 100). Defaults to `100`. */
    minimumHealthyPercent?: number;
    /** Highest share of the desired tasks running during a deploy, in percent (100 to 200, above the minimum). Defaults to `200`. */
    maximumPercent?: number;
    /** Roll back to the last working deployment when the circuit breaker trips (the breaker itself is always on). Defaults to `true`. */
    rollback?: boolean;
    /** Make `pulumi up` wait until the deploy finishes, so a rolled-back deploy fails the update. Defaults to `true`. */
    waitForSteadyState?: boolean;
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

/** Application Auto Scaling of the service's task count. */
export interface Autoscaling {
    /** Fewest tasks. */
    minCapacity: number;
    /** Most tasks. */
    maxCapacity: number;
    /** Keep average CPU utilisation near this percentage. Defaults to `60` when no target is given. */
    cpuTargetPercent?: number;
    /** Keep average memory utilisation near this percentage. Defaults to no memory target. */
    memoryTargetPercent?: number;
    /** Keep load-balancer requests per task per minute near this number. Defaults to no request target. */
    requestsPerTarget?: number;
    /** Seconds after a scale-in before the next one. Defaults to `300`. */
    scaleInCooldownSeconds?: number;
    /** Seconds after a scale-out before the next one. Defaults to `60`. */
    scaleOutCooldownSeconds?: number;
    /** Scheduled changes of the bounds, e.g. fewer tasks at night. */
    schedules?: Schedule[];
}

/** Arguments of a `WebService`. */
export interface WebServiceArgs {
    /** ARN of the ECS cluster to run in (e.g. a `FargateCluster`'s `clusterArn`). */
    clusterArn: pulumi.Input<string>;
    /** ID of the VPC of the subnets. */
    vpcId: pulumi.Input<string>;
    /** IDs of the subnets the tasks run in (private subnets unless `assignPublicIp`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** IDs of the subnets of the load balancer, in two or more zones (public subnets unless `internal`). */
    loadBalancerSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
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
    /** Port the container listens on. Defaults to `80`. */
    containerPort?: number;
    /** Plain environment variables of the container. Never put secrets here; use `secrets`. */
    environment?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Environment variables read at start from Secrets Manager secrets or SSM parameters: name → ARN. */
    secrets?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** ARNs of the customer-managed KMS keys the `secrets` are encrypted with; the execution role may decrypt with exactly these. Defaults to none (secrets under AWS managed keys need none). */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /**
     * Mount the container's root file system read-only. ECS Exec cannot run on a read-only root (its SSM agent writes
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
    /** ARN of an ACM certificate: HTTPS on 443 (TLS 1.3/1.2) and HTTP on 80 redirecting to it. Defaults to HTTP on 80 only. */
    certificateArn?: pulumi.Input<string>;
    /**
     * Domain name clients reach the service at, e.g. `app.example.com` (the certificate's name); point its alias record
     * at `loadBalancerDnsName`. `url` is then `https://<domainName>` with a certificate, else `http://<domainName>`.
     * Defaults to the load balancer's own DNS name, which a certificate for your domain does not cover.
     */
    domainName?: pulumi.Input<string>;
    /** Make the load balancer internal (reachable only from inside the VPC). Defaults to `false`. */
    internal?: boolean;
    /** CIDR blocks (IPv4 or IPv6) allowed to reach the load balancer's listeners. Defaults to `["0.0.0.0/0"]`. */
    allowedCidrs?: string[];
    /** The load balancer's health check of the container. */
    healthCheck?: HealthCheck;
    /** Seconds ECS ignores failing load-balancer health checks of a new task (0 to 7200). Defaults to `30`. */
    healthCheckGracePeriodSeconds?: number;
    /** Seconds a deregistering task keeps serving in-flight requests (0 to 3600). Defaults to `15`. */
    deregistrationDelaySeconds?: number;
    /** Protect the load balancer from deletion (also blocks `pulumi destroy`). Defaults to `false`. */
    deletionProtection?: boolean;
    /** Name of an S3 bucket for the load balancer's access logs. Defaults to no access logs. */
    accessLogsBucket?: pulumi.Input<string>;
    /** ARN of a WAFv2 web ACL to associate with the load balancer. Defaults to none. */
    webAclArn?: pulumi.Input<string>;
    /** Give tasks public IP addresses (needed in public subnets without NAT). Defaults to `false`. */
    assignPublicIp?: boolean;
    /** Rolling deployment settings; the circuit breaker is always on. */
    deployment?: Deployment;
    /** This service's on-demand/Spot split. Defaults to one on-demand task as base and the rest on-demand. */
    capacity?: Capacity;
    /** Auto scaling of the task count. Defaults to a fixed `desiredCount`. */
    autoscaling?: Autoscaling;
    /** Tags applied to every taggable child; the service propagates them to its tasks. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
