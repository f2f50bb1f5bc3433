/**
 * Pure builders of a `WebService` task's container definition and volumes.
 */
import { CONTAINER_NAME } from "./defaults";

/** What the container definition is built from, all values known. */
export interface ContainerInputs {
    image: string;
    containerPort: number;
    environment: Record<string, string>;
    /** Environment variable name → Secrets Manager or SSM parameter ARN. */
    secrets: Record<string, string>;
    readonlyRootFilesystem: boolean;
    writablePaths: string[];
    user?: string;
    logGroupName: string;
    region: string;
}

/** The name of the task-scoped volume mounted read-write at `writablePaths[index]`. */
export function writableVolumeName(index: number): string {
    return `writable-${index + 1}`;
}

/** Task volumes backing `writablePaths` (task-scoped, discarded with the task). */
export function writableVolumes(writablePaths: readonly string[]): { name: string }[] {
    return writablePaths.map((_, i) => ({ name: writableVolumeName(i) }));
}

function sortedPairs(map: Record<string, string>, valueKey: "value" | "valueFrom"): object[] {
    return Object.keys(map).sort().map((name) => ({ name, [valueKey]: map[name] }));
}

/** The container definitions JSON of the task: one essential container, logging to the service's log group. */
export function containerDefinitions(inputs: ContainerInputs): string {
    const container: Record<string, unknown> = {
        name: CONTAINER_NAME,
        image: inputs.image,
        essential: true,
        portMappings: [{ containerPort: inputs.containerPort, hostPort: inputs.containerPort, protocol: "tcp" }],
        environment: sortedPairs(inputs.environment, "value"),
        secrets: sortedPairs(inputs.secrets, "valueFrom"),
        readonlyRootFilesystem: inputs.readonlyRootFilesystem,
        privileged: false,
        mountPoints: inputs.writablePaths.map((containerPath, i) => ({ sourceVolume: writableVolumeName(i), containerPath, readOnly: false })),
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": inputs.logGroupName,
                "awslogs-region": inputs.region,
                "awslogs-stream-prefix": CONTAINER_NAME,
            },
        },
    };
    if (inputs.user !== undefined) {
        container.user = inputs.user;
    }
    return JSON.stringify([container]);
}
