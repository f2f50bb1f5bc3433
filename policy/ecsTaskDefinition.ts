/** ECS task-definition policies on task-level settings, which are known during preview. */
import { resourcePolicy } from "./define";
import { T } from "./helpers";
import { containerLabel, containersOf } from "./parse";

const TASK = [T.taskDefinition];

export const ecsTaskdefAwsvpcNetworkMode = resourcePolicy({
    name: "ecs-taskdef-awsvpc-network-mode",
    description: "Checks that task definitions use the `awsvpc` network mode (each task gets its own ENI and security groups); an unset `networkMode` means bridge.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "network"],
    anchors: { securityHub: ["ECS.17"], controlTower: ["CT.ECS.PR.4"], kics: ["9f4a9409"] },
    remediationSteps: "Set `networkMode: \"awsvpc\"` and give the service a `networkConfiguration` with security groups.",
    types: TASK,
    validate: (props, report) => {
        if (props.networkMode !== "awsvpc") {
            report(`\`networkMode\` is ${props.networkMode ?? "unset (bridge)"}; set \`networkMode: "awsvpc"\`.`);
        }
    },
});

/** Fargate's valid memory (MiB) for each CPU size (units). */
const FARGATE_SIZES: Record<number, { min: number; max: number; step: number }[]> = {
    256: [{ min: 512, max: 512, step: 1 }, { min: 1024, max: 2048, step: 1024 }],
    512: [{ min: 1024, max: 4096, step: 1024 }],
    1024: [{ min: 2048, max: 8192, step: 1024 }],
    2048: [{ min: 4096, max: 16384, step: 1024 }],
    4096: [{ min: 8192, max: 30720, step: 1024 }],
    8192: [{ min: 16384, max: 61440, step: 4096 }],
    16384: [{ min: 32768, max: 122880, step: 8192 }],
};

/** Parses ECS sizes: `"256"`, `"0.25 vCPU"`, `"512"`, `"0.5 GB"`; undefined when not understood. */
export function parseEcsSize(value: unknown, unit: "vcpu" | "gb"): number | undefined {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(String(value ?? ""));
    if (!m) {
        return undefined;
    }
    const n = Number(m[1]);
    const suffix = m[2].toLowerCase();
    if (suffix === "") {
        return n;
    }
    return suffix === unit ? n * 1024 : undefined;
}

export function validFargateSize(cpu: number, memory: number): boolean {
    return (FARGATE_SIZES[cpu] ?? []).some((r) => memory >= r.min && memory <= r.max && (memory - r.min) % r.step === 0);
}

export const ecsTaskdefFargateCompatible = resourcePolicy({
    name: "ecs-taskdef-fargate-compatible",
    description: "Checks that task definitions require FARGATE, set a valid Fargate cpu/memory pair and set `runtimePlatform.operatingSystemFamily`.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecs", "fargate"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size" },
    remediationSteps: "Set `requiresCompatibilities: [\"FARGATE\"]`, a valid `cpu`/`memory` pair and `runtimePlatform: { operatingSystemFamily: \"LINUX\", cpuArchitecture: \"X86_64\" }`.",
    types: TASK,
    validate: (props, report) => {
        const compat: string[] = props.requiresCompatibilities ?? [];
        if (!compat.includes("FARGATE")) {
            report(`\`requiresCompatibilities\` is ${JSON.stringify(compat)}; include "FARGATE".`);
        }
        const cpu = parseEcsSize(props.cpu, "vcpu");
        const memory = parseEcsSize(props.memory, "gb");
        if (cpu === undefined || memory === undefined) {
            report(`\`cpu\` ${JSON.stringify(props.cpu ?? null)} / \`memory\` ${JSON.stringify(props.memory ?? null)} are not both set; set a Fargate size such as cpu "256" with memory "512".`);
        } else if (!validFargateSize(cpu, memory)) {
            report(`\`memory\` ${memory} MiB is not valid with \`cpu\` ${cpu} on Fargate; pick a supported cpu/memory pair.`);
        }
        if (!props.runtimePlatform?.operatingSystemFamily) {
            report("`runtimePlatform.operatingSystemFamily` is unset; set it (for example \"LINUX\") with `cpuArchitecture`.");
        }
    },
});

export const ecsTaskdefNoHostPid = resourcePolicy({
    name: "ecs-taskdef-no-host-pid",
    description: "Checks that the task definition does not share the host's process namespace (`pidMode: \"host\"`, a task-level setting).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "container-hardening"],
    anchors: { securityHub: ["ECS.3"], checkov: ["CKV_AWS_335"], controlTower: ["CT.ECS.PR.10"] },
    remediationSteps: "Remove `pidMode: \"host\"` from the task definition (or set \"task\").",
    types: TASK,
    validate: (props, report) => {
        if (props.pidMode === "host") {
            report("`pidMode` is \"host\"; remove it or set `pidMode: \"task\"`.");
        }
    },
});

export const ecsTaskdefNoHostIpc = resourcePolicy({
    name: "ecs-taskdef-no-host-ipc",
    description: "Checks that the task definition does not share the host's IPC namespace (`ipcMode: \"host\"`).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "container-hardening"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_ipcmode", controlTower: ["CT.ECS.PR.8"] },
    remediationSteps: "Remove `ipcMode: \"host\"` (or set \"task\" or \"none\").",
    types: TASK,
    validate: (props, report) => {
        if (props.ipcMode === "host") {
            report("`ipcMode` is \"host\"; remove it or set `ipcMode: \"task\"`.");
        }
    },
});

export const ecsTaskdefEfsTransitEncryption = resourcePolicy({
    name: "ecs-taskdef-efs-transit-encryption",
    description: "Checks that every EFS volume of the task definition (all of them, not only the first) encrypts data in transit.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "encryption"],
    anchors: { securityHub: ["ECS.18"], checkov: ["CKV_AWS_97"], trivy: ["AVD-AWS-0035"], kics: ["4d46ff3b"] },
    remediationSteps: "Set `efsVolumeConfiguration.transitEncryption: \"ENABLED\"` on every EFS volume.",
    types: TASK,
    validate: (props, report) => {
        const volumes: any[] = props.volumes ?? [];
        volumes.forEach((v, i) => {
            const efs = v.efsVolumeConfiguration;
            if (efs && efs.transitEncryption !== "ENABLED") {
                report(`Volume ${v.name ?? `#${i}`} mounts EFS without transit encryption; set \`efsVolumeConfiguration.transitEncryption: "ENABLED"\`.`);
            }
        });
    },
});

export const ecsTaskdefDistinctTaskExecutionRoles = resourcePolicy({
    name: "ecs-taskdef-distinct-task-execution-roles",
    description: "Checks that the execution role (used by ECS to pull images and write logs) is not also the task role (used by the application).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "iam"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html", checkov: ["CKV_AWS_249"] },
    remediationSteps: "Create a separate task role with only the application's permissions and set it as `taskRoleArn`.",
    types: TASK,
    validate: (props, report) => {
        if (props.executionRoleArn && props.taskRoleArn && props.executionRoleArn === props.taskRoleArn) {
            report("`executionRoleArn` and `taskRoleArn` are the same role; give the task its own role.");
        }
    },
});

export const ecsTaskdefMemoryLimits = resourcePolicy({
    name: "ecs-taskdef-memory-limits",
    description: "Checks that memory is limited: task-level `memory`, or `memory`/`memoryReservation` on every container.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecs", "availability"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size", controlTower: ["CT.ECS.PR.7"] },
    remediationSteps: "Set the task's `memory` (required on Fargate) or each container's `memory`.",
    types: TASK,
    validate: (props, report) => {
        if (props.memory !== undefined && props.memory !== null && props.memory !== "") {
            return;
        }
        containersOf(props).forEach((c, i) => {
            if (c.memory === undefined && c.memoryReservation === undefined) {
                report(`Neither the task nor ${containerLabel(c, i)} limits memory; set the task's \`memory\`.`);
            }
        });
    },
});
