/**
 * The argument names each component accepts, at every level, so that a misspelt key (`cpuu`, `healthCheck.intervalSecond`)
 * is rejected with the nearest valid name instead of being silently ignored.
 *
 * The tables are TypeScript, typed `satisfies Record<keyof Required<X>, Arg>` against the very interfaces that are
 * the args: adding, renaming or removing a field of `WebServiceArgs`, `HealthCheck`, … without updating its table
 * fails `tsc` (a missing key is missing from the Record, an extra key is an excess property). They are not read
 * from schema.json at run time: that file is generated from these interfaces (`npm run schema`), may be absent
 * where the package is installed, and a test already holds both to each other.
 */
import type { Capacity, FargateClusterArgs } from "./clusterArgs";
import type { RegistryArgs, RegistryBuild, RegistryLifecycle } from "./registryArgs";
import type { LoadBalancerArgs } from "./loadBalancerArgs";
import type { ContainerHealthCheck, Deployment, EfsVolume, Schedule, ServiceConnect, Sidecar, TaskArgs } from "./taskArgs";
import type { Autoscaling, HealthCheck, LoadBalancerAttachment, WebServiceArgs } from "./webServiceArgs";
import type { QueueDepth, WorkerAutoscaling, WorkerServiceArgs } from "./workerServiceArgs";
import { known } from "./validate";

/** A key's value: any value (scalar, list of scalars or free-form map such as `tags`), a nested object, or a list of objects. */
export type Arg = "value" | { readonly object: KeyTable } | { readonly listOf: KeyTable };
/** The keys of one object of arguments. */
export type KeyTable = { readonly [key: string]: Arg };

const V = "value";

export const CAPACITY_KEYS = {
    onDemandBase: V, onDemandWeight: V, spotWeight: V,
} as const satisfies Record<keyof Required<Capacity>, Arg>;

export const LIFECYCLE_KEYS = {
    maxTaggedImages: V, tagPrefixes: V, untaggedExpiryDays: V,
} as const satisfies Record<keyof Required<RegistryLifecycle>, Arg>;

export const BUILD_KEYS = {
    context: V, dockerfile: V, platform: V, args: V, target: V, tag: V,
} as const satisfies Record<keyof Required<RegistryBuild>, Arg>;

export const REGISTRY_KEYS = {
    repositoryName: V, imageTagMutability: V, scanOnPush: V, kmsKeyArn: V, lifecycle: { object: LIFECYCLE_KEYS },
    forceDelete: V, pullAccountIds: V, build: { object: BUILD_KEYS }, tags: V,
} as const satisfies Record<keyof Required<RegistryArgs>, Arg>;

export const FARGATE_CLUSTER_KEYS = {
    clusterName: V, containerInsights: V, capacity: { object: CAPACITY_KEYS }, vpcId: V, publicSubnetIds: V,
    privateSubnetIds: V, availabilityZones: V, cidrBlock: V, natGateways: V, vpcEndpoints: V,
    secretsVpcEndpoints: V, executeCommandVpcEndpoints: V, executeCommandKmsKeyArn: V, serviceConnectNamespace: V, tags: V,
} as const satisfies Record<keyof Required<FargateClusterArgs>, Arg>;

export const HEALTH_CHECK_KEYS = {
    path: V, intervalSeconds: V, timeoutSeconds: V, healthyThreshold: V, unhealthyThreshold: V, matcher: V,
} as const satisfies Record<keyof Required<HealthCheck>, Arg>;

export const DEPLOYMENT_KEYS = {
    strategy: V, minimumHealthyPercent: V, maximumPercent: V, rollback: V, waitForSteadyState: V,
    bakeTimeMinutes: V, canaryPercent: V, linearStepPercent: V, stepBakeTimeMinutes: V,
} as const satisfies Record<keyof Required<Deployment>, Arg>;

export const SCHEDULE_KEYS = {
    name: V, schedule: V, minCapacity: V, maxCapacity: V, timezone: V,
} as const satisfies Record<keyof Required<Schedule>, Arg>;

const SCALING_BOUNDS_KEYS = {
    minCapacity: V, maxCapacity: V, cpuTargetPercent: V, memoryTargetPercent: V,
    scaleInCooldownSeconds: V, scaleOutCooldownSeconds: V, schedules: { listOf: SCHEDULE_KEYS },
} as const;

export const AUTOSCALING_KEYS = {
    ...SCALING_BOUNDS_KEYS, requestsPerTarget: V,
} as const satisfies Record<keyof Required<Autoscaling>, Arg>;

export const QUEUE_DEPTH_KEYS = {
    queueName: V, messagesPerTask: V,
} as const satisfies Record<keyof Required<QueueDepth>, Arg>;

export const WORKER_AUTOSCALING_KEYS = {
    ...SCALING_BOUNDS_KEYS, queueDepth: { object: QUEUE_DEPTH_KEYS },
} as const satisfies Record<keyof Required<WorkerAutoscaling>, Arg>;

export const CONTAINER_HEALTH_CHECK_KEYS = {
    command: V, intervalSeconds: V, timeoutSeconds: V, retries: V, startPeriodSeconds: V,
} as const satisfies Record<keyof Required<ContainerHealthCheck>, Arg>;

export const SIDECAR_KEYS = {
    name: V, image: V, essential: V, cpu: V, memoryMiB: V, ports: V, environment: V, secrets: V, command: V,
} as const satisfies Record<keyof Required<Sidecar>, Arg>;

export const EFS_VOLUME_KEYS = {
    fileSystemId: V, containerPath: V, accessPointId: V, readOnly: V,
} as const satisfies Record<keyof Required<EfsVolume>, Arg>;

export const SERVICE_CONNECT_KEYS = {
    namespace: V, discoveryName: V, clientOnly: V,
} as const satisfies Record<keyof Required<ServiceConnect>, Arg>;

/** The keys every service kind shares (`TaskArgs`). */
export const TASK_KEYS = {
    clusterArn: V, vpcId: V, subnetIds: V, image: V, cpu: V, memory: V, architecture: V,
    desiredCount: V, environment: V, secrets: V, secretsKmsKeyArns: V, command: V, entryPoint: V,
    containerHealthCheck: { object: CONTAINER_HEALTH_CHECK_KEYS }, stopTimeoutSeconds: V, ephemeralStorageGiB: V,
    sidecars: { listOf: SIDECAR_KEYS }, efsVolumes: { listOf: EFS_VOLUME_KEYS }, serviceConnect: { object: SERVICE_CONNECT_KEYS },
    readonlyRootFilesystem: V, writablePaths: V,
    user: V, logRetentionDays: V, logKmsKeyArn: V, retainLogsOnDelete: V, taskRolePolicyArns: V,
    taskRolePolicyJson: V, enableExecuteCommand: V, executeCommandKmsKeyArn: V, serviceName: V, family: V, assignPublicIp: V,
    deployment: { object: DEPLOYMENT_KEYS }, capacity: { object: CAPACITY_KEYS }, tags: V,
} as const satisfies Record<keyof Required<TaskArgs>, Arg>;

export const LOAD_BALANCER_ATTACHMENT_KEYS = {
    listenerArn: V, securityGroupId: V, arnSuffix: V, priority: V, hostHeaders: V, pathPatterns: V,
} as const satisfies Record<keyof Required<LoadBalancerAttachment>, Arg>;

export const WEB_SERVICE_KEYS = {
    ...TASK_KEYS, loadBalancerSubnetIds: V, loadBalancer: { object: LOAD_BALANCER_ATTACHMENT_KEYS }, containerPort: V,
    certificateArn: V, domainName: V, internal: V,
    allowedCidrs: V, healthCheck: { object: HEALTH_CHECK_KEYS }, healthCheckGracePeriodSeconds: V,
    deregistrationDelaySeconds: V, deletionProtection: V, accessLogsBucket: V, webAclArn: V,
    autoscaling: { object: AUTOSCALING_KEYS },
} as const satisfies Record<keyof Required<WebServiceArgs>, Arg>;

export const WORKER_SERVICE_KEYS = {
    ...TASK_KEYS, containerPort: V, autoscaling: { object: WORKER_AUTOSCALING_KEYS },
} as const satisfies Record<keyof Required<WorkerServiceArgs>, Arg>;

export const LOAD_BALANCER_KEYS = {
    vpcId: V, subnetIds: V, certificateArn: V, internal: V, allowedCidrs: V, deletionProtection: V,
    accessLogsBucket: V, webAclArn: V, idleTimeoutSeconds: V, tags: V,
} as const satisfies Record<keyof Required<LoadBalancerArgs>, Arg>;

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours) between two names. */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) {
        d[0][j] = j;
    }
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}

/**
 * The valid name closest to `key`, when it is close enough to be the intended one: the same name in another case
 * or with `_`/`-` (`CPU`, `health_check`), else the one name it begins (`scaleInCooldown`, missing its unit), else
 * one within a third of its length in edits (at least one).
 */
export function nearestName(key: string, valid: readonly string[]): string | undefined {
    const folded = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
    const sameFolded = valid.find((v) => folded(v) === folded(key));
    if (sameFolded !== undefined) {
        return sameFolded;
    }
    const extended = valid.filter((v) => key.length >= 3 && folded(v).startsWith(folded(key)));
    if (extended.length === 1) {
        return extended[0];
    }
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const name of valid) {
        const distance = editDistance(key.toLowerCase(), name.toLowerCase());
        if (distance < bestDistance) {
            best = name;
            bestDistance = distance;
        }
    }
    return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}

/**
 * A problem for every key of `args` (at any depth) that `table` does not name, for `component`. Values not known
 * yet (outputs of other resources) are not looked into. A key is judged whatever its value, `undefined` included:
 * a misspelt key never does what was meant.
 */
export function unknownArguments(component: string, table: KeyTable, args: unknown, prefix = ""): string[] {
    const value = known(args);
    if (!isPlainObject(value)) {
        return [];
    }
    const problems: string[] = [];
    const validNames = Object.keys(table);
    for (const [key, nested] of Object.entries(value)) {
        const spec = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
        if (spec === undefined) {
            const nearest = nearestName(key, validNames);
            problems.push(nearest !== undefined
                ? `unknown argument \`${prefix}${key}\` for ${component}; did you mean \`${prefix}${nearest}\`?`
                : `unknown argument \`${prefix}${key}\` for ${component}; use one of ${validNames.map((n) => `\`${prefix}${n}\``).join(", ")}.`);
        } else if (spec !== V && "object" in spec) {
            problems.push(...unknownArguments(component, spec.object, nested, `${prefix}${key}.`));
        } else if (spec !== V && "listOf" in spec) {
            const list = known(nested);
            if (Array.isArray(list)) {
                list.forEach((item, i) => problems.push(...unknownArguments(component, spec.listOf, item, `${prefix}${key}[${i}].`)));
            }
        }
    }
    return problems;
}
