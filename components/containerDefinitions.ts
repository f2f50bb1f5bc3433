/**
 * Pure builders of a task's container definitions and volumes: the app and each sidecar pass through one builder,
 * each with its own log stream prefix, sorted by name so the JSON is stable.
 * Field rules: AWS ECS API reference, "ContainerDefinition", "HealthCheck" and "EFSVolumeConfiguration".
 */

/** A container's health check, in ECS's own units (seconds). */
export interface ContainerHealthCheckSpec {
    command: string[];
    interval: number;
    timeout: number;
    retries: number;
    startPeriod?: number;
}

/** One container of the task, all values known. */
export interface ContainerSpec {
    name: string;
    image: string;
    essential: boolean;
    cpu?: number;
    memoryMiB?: number;
    /** Ports the container listens on; a named one can be published through Service Connect. */
    ports: { port: number; name?: string }[];
    environment: Record<string, string>;
    /** Environment variable name → Secrets Manager or SSM parameter ARN. */
    secrets: Record<string, string>;
    command?: string[];
    entryPoint?: string[];
    healthCheck?: ContainerHealthCheckSpec;
    stopTimeout?: number;
    readonlyRootFilesystem: boolean;
    mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
    user?: string;
}

/** Where the containers log: the service's log group, in its region. */
export interface LogTarget {
    logGroupName: string;
    region: string;
}

/** The name of the task-scoped volume mounted read-write at `writablePaths[index]`. */
export function writableVolumeName(index: number): string {
    return `writable-${index + 1}`;
}

/** The name of the task volume of `efsVolumes[index]`. */
export function efsVolumeName(index: number): string {
    return `efs-${index + 1}`;
}

/** Task volumes backing `writablePaths` (task-scoped, discarded with the task). */
export function writableVolumes(writablePaths: readonly string[]): { name: string }[] {
    return writablePaths.map((_, i) => ({ name: writableVolumeName(i) }));
}

/** Mount points of the app container: its writable paths, then its EFS volumes. */
export function appMountPoints(writablePaths: readonly string[], efs: readonly { containerPath: string; readOnly?: boolean }[]): ContainerSpec["mountPoints"] {
    return [
        ...writablePaths.map((containerPath, i) => ({ sourceVolume: writableVolumeName(i), containerPath, readOnly: false })),
        ...efs.map((v, i) => ({ sourceVolume: efsVolumeName(i), containerPath: v.containerPath, readOnly: v.readOnly ?? false })),
    ];
}

function sortedPairs(map: Record<string, string>, valueKey: "value" | "valueFrom"): object[] {
    return Object.keys(map).sort().map((name) => ({ name, [valueKey]: map[name] }));
}

/** The definition of one container, logging to the service's log group under its own name as stream prefix. */
export function containerDefinition(spec: ContainerSpec, log: LogTarget): Record<string, unknown> {
    const container: Record<string, unknown> = { name: spec.name, image: spec.image, essential: spec.essential };
    if (spec.cpu !== undefined) {
        container.cpu = spec.cpu;
    }
    if (spec.memoryMiB !== undefined) {
        container.memory = spec.memoryMiB;
    }
    Object.assign(container, {
        portMappings: spec.ports.map((p) => ({ ...(p.name !== undefined ? { name: p.name } : {}), containerPort: p.port, hostPort: p.port, protocol: "tcp" })),
        environment: sortedPairs(spec.environment, "value"),
        secrets: sortedPairs(spec.secrets, "valueFrom"),
        readonlyRootFilesystem: spec.readonlyRootFilesystem,
        privileged: false,
        mountPoints: spec.mountPoints,
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": log.logGroupName, "awslogs-region": log.region, "awslogs-stream-prefix": spec.name },
        },
    });
    if (spec.user !== undefined) {
        container.user = spec.user;
    }
    if (spec.command !== undefined) {
        container.command = spec.command;
    }
    if (spec.entryPoint !== undefined) {
        container.entryPoint = spec.entryPoint;
    }
    if (spec.healthCheck !== undefined) {
        const hc = spec.healthCheck;
        container.healthCheck = { command: hc.command, interval: hc.interval, timeout: hc.timeout, retries: hc.retries, ...(hc.startPeriod !== undefined ? { startPeriod: hc.startPeriod } : {}) };
    }
    if (spec.stopTimeout !== undefined) {
        container.stopTimeout = spec.stopTimeout;
    }
    return container;
}

/** The container definitions JSON of the task: every container, sorted by name. */
export function containerDefinitions(containers: readonly ContainerSpec[], log: LogTarget): string {
    return JSON.stringify([...containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((c) => containerDefinition(c, log)));
}
