/**
 * ECS task-definition policies. `containerDefinitions` is a JSON string that is usually unknown on a first preview:
 * every policy checks the known task-level properties first and reads the containers last.
 */
import {
    containerLabel, ContainerDefinition, containersOf, known, ofTypes, parseContainerDefinitions, referencedBy,
    resourcePolicy, stackPolicy, T, UNKNOWN,
} from "./helpers";
import { PolicyResource } from "@pulumi/policy";

const TASK = [T.taskDefinition];

function isWindows(props: Record<string, any>): boolean {
    const family = props.runtimePlatform?.operatingSystemFamily;
    return typeof family === "string" && family.startsWith("WINDOWS");
}

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

export const ecsTaskdefNoPrivilegedContainers = resourcePolicy({
    name: "ecs-taskdef-no-privileged-containers",
    description: "Checks that no container of a task definition sets `privileged: true` (the key Checkov misspells as `privilege`).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "container-hardening"],
    anchors: { securityHub: ["ECS.4"], checkov: ["CKV_AWS_334"], controlTower: ["CT.ECS.PR.11"] },
    remediationSteps: "Remove `privileged: true` from the container definition; grant the specific Linux capability instead if one is needed.",
    types: TASK,
    validate: (props, report) => {
        containersOf(props).forEach((c, i) => {
            if (c.privileged === true) {
                report(`${containerLabel(c, i)} is privileged; remove \`privileged: true\`.`);
            }
        });
    },
});

export const ecsTaskdefReadonlyRootFilesystem = resourcePolicy({
    name: "ecs-taskdef-readonly-root-filesystem",
    description: "Checks that every Linux container mounts its root filesystem read-only (`readonlyRootFilesystem: true`).",
    enforcementLevel: "advisory",
    severity: "high",
    tags: ["ecs", "container-hardening"],
    anchors: { securityHub: ["ECS.5"], checkov: ["CKV_AWS_336"], controlTower: ["CT.ECS.PR.6"] },
    remediationSteps: "Set `readonlyRootFilesystem: true` on each container and mount writable volumes for the paths it writes.",
    types: TASK,
    validate: (props, report) => {
        if (isWindows(props)) {
            return;
        }
        containersOf(props).forEach((c, i) => {
            if (c.readonlyRootFilesystem !== true) {
                report(`${containerLabel(c, i)} has a writable root filesystem; set \`readonlyRootFilesystem: true\`.`);
            }
        });
    },
});

const ROOT_USERS = ["root", "0"];

export const ecsTaskdefNonRootUser = resourcePolicy({
    name: "ecs-taskdef-non-root-user",
    description: "Checks that every container sets `user` to a non-root user and group (Linux: neither part of `user[:group]` is root or 0; Windows: not ContainerAdministrator).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "container-hardening"],
    anchors: { securityHub: ["ECS.20", "ECS.21"], controlTower: ["CT.ECS.PR.3"] },
    remediationSteps: "Set `user` on each container, for example \"1000:1000\", and build the image so that user can run it.",
    types: TASK,
    validate: (props, report) => {
        const windows = isWindows(props);
        containersOf(props).forEach((c, i) => {
            const user = typeof c.user === "string" ? c.user.trim() : "";
            if (user === "") {
                report(`${containerLabel(c, i)} runs as the image's default user; set \`user\` to a non-root user such as "1000:1000".`);
            } else if (windows ? user.toLowerCase() === "containeradministrator" : user.split(":").some((p) => ROOT_USERS.includes(p.toLowerCase()))) {
                report(`${containerLabel(c, i)} runs as "${user}"; set \`user\` to a non-root user such as "1000:1000".`);
            }
        });
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

export interface LoggingConfig {
    allowedLogDrivers: string[];
}

export const ecsTaskdefLoggingConfigured = resourcePolicy<LoggingConfig>({
    name: "ecs-taskdef-logging-configured",
    description: "Checks that every container sends its logs somewhere: `logConfiguration.logDriver` is set and allowed.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "logging"],
    anchors: { securityHub: ["ECS.9"], cdkNag: ["AwsSolutions-ECS7"], controlTower: ["CT.ECS.PR.5"] },
    remediationSteps: "Set `logConfiguration: { logDriver: \"awslogs\", options: { \"awslogs-group\": ..., \"awslogs-region\": ..., \"awslogs-stream-prefix\": ... } }` on each container.",
    configSchema: {
        properties: {
            allowedLogDrivers: { type: "array", items: { type: "string" }, default: ["awslogs", "awsfirelens"], description: "Log drivers accepted." },
        },
    },
    types: TASK,
    validate: (props, report, config) => {
        containersOf(props).forEach((c, i) => {
            const driver = c.logConfiguration?.logDriver;
            if (!driver) {
                report(`${containerLabel(c, i)} has no \`logConfiguration.logDriver\`; set \`logDriver: "awslogs"\` with a log group.`);
            } else if (!config.allowedLogDrivers.includes(driver)) {
                report(`${containerLabel(c, i)} logs with "${driver}"; use one of ${JSON.stringify(config.allowedLogDrivers)}.`);
            }
        });
    },
});

export interface SecretsConfig {
    strict: boolean;
    allowedNames: string[];
}

const SECRET_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];
const SECRET_TOKENS = ["password", "passwd", "secret", "token", "api_key", "apikey", "private_key"];
const BENIGN_NAMES = ["token_type", "version"];

function entropy(s: string): number {
    const counts = new Map<string, number>();
    for (const ch of s) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    let h = 0;
    for (const n of counts.values()) {
        const p = n / s.length;
        h -= p * Math.log2(p);
    }
    return h;
}

/** Why an environment variable looks like a secret, or undefined. */
export function secretReason(name: string, value: string | undefined): string | undefined {
    const lower = name.toLowerCase();
    if (SECRET_NAMES.includes(name.toUpperCase())) {
        return "its name is a credential";
    }
    if (!BENIGN_NAMES.includes(lower) && SECRET_TOKENS.some((t) => lower.includes(t))) {
        return "its name suggests a secret";
    }
    if (typeof value === "string") {
        if (/\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value)) {
            return "its value is an AWS access key id";
        }
        if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
            return "its value is a private key";
        }
        if (/^[A-Za-z0-9+/=_-]{32,}$/.test(value) && entropy(value) >= 4.5) {
            return "its value looks like a random secret";
        }
    }
    return undefined;
}

export const ecsTaskdefNoSecretsInEnvironment = resourcePolicy<SecretsConfig>({
    name: "ecs-taskdef-no-secrets-in-environment",
    description: "Checks that container `environment` variables carry no credentials (by name or value); secrets belong in `secrets[].valueFrom`.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["ecs", "secrets"],
    anchors: { securityHub: ["ECS.8"], cdkNag: ["AwsSolutions-ECS2"], trivy: ["AVD-AWS-0036"], controlTower: ["CT.ECS.PR.12"] },
    remediationSteps: "Store the value in Secrets Manager or SSM Parameter Store and reference it with `secrets: [{ name, valueFrom }]`.",
    configSchema: {
        properties: {
            strict: { type: "boolean", default: false, description: "cdk-nag mode: any `environment` entry fails." },
            allowedNames: { type: "array", items: { type: "string" }, default: [], description: "Variable names never reported." },
        },
    },
    types: TASK,
    validate: (props, report, config) => {
        containersOf(props).forEach((c, i) => {
            for (const env of Array.isArray(c.environment) ? c.environment : []) {
                const name = String(env?.name ?? "");
                if (config.allowedNames.includes(name)) {
                    continue;
                }
                const reason = config.strict ? "strict mode allows no environment variables" : secretReason(name, env?.value);
                if (reason) {
                    report(`${containerLabel(c, i)} sets environment variable ${name} (${reason}); move it to \`secrets: [{ name: "${name}", valueFrom: <secret ARN> }]\`.`);
                }
            }
        });
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

export interface ImagePinnedConfig {
    requireDigest: boolean;
    allowedRegistries: string[];
}

export const ecsTaskdefImagePinned = resourcePolicy<ImagePinnedConfig>({
    name: "ecs-taskdef-image-pinned",
    description: "Checks that container images are pinned: by `@sha256:` digest, or by a tag other than `latest`; optionally only from allowed registries.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "supply-chain"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-considerations.html" },
    remediationSteps: "Reference the image by digest (`repo@sha256:...`, e.g. docker.Image's `repoDigest`) or by an immutable tag.",
    configSchema: {
        properties: {
            requireDigest: { type: "boolean", default: false, description: "Accept only digest references." },
            allowedRegistries: { type: "array", items: { type: "string" }, default: [], description: "Regular expressions the image reference must match (empty: any)." },
        },
    },
    types: TASK,
    validate: (props, report, config) => {
        containersOf(props).forEach((c, i) => {
            const image = typeof c.image === "string" ? c.image : "";
            const label = containerLabel(c, i);
            if (config.allowedRegistries.length > 0 && !config.allowedRegistries.some((re) => new RegExp(re).test(image))) {
                report(`${label} uses image "${image}" from a registry that is not allowed; use one matching ${JSON.stringify(config.allowedRegistries)}.`);
            }
            if (image.includes("@sha256:")) {
                return;
            }
            const lastPart = image.split("/").pop() ?? "";
            const tag = lastPart.includes(":") ? lastPart.split(":").pop() : "";
            if (config.requireDigest) {
                report(`${label} uses image "${image}" without a digest; reference it as \`repo@sha256:<digest>\`.`);
            } else if (!tag || tag === "latest") {
                report(`${label} uses image "${image}" with ${tag ? "the latest tag" : "no tag"}; pin it by digest or by an immutable tag.`);
            }
        });
    },
});

export interface CapabilitiesConfig {
    allowedCapabilities: string[];
}

export const ecsTaskdefNoAddedCapabilities = resourcePolicy<CapabilitiesConfig>({
    name: "ecs-taskdef-no-added-capabilities",
    description: "Checks that containers add no Linux capabilities beyond an allow-list (Fargate permits only SYS_PTRACE).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "container-hardening"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html" },
    remediationSteps: "Remove the capability from `linuxParameters.capabilities.add`, or allow it in the policy config.",
    configSchema: {
        properties: {
            allowedCapabilities: { type: "array", items: { type: "string" }, default: [], description: "Capabilities that may be added, e.g. [\"SYS_PTRACE\"]." },
        },
    },
    types: TASK,
    validate: (props, report, config) => {
        containersOf(props).forEach((c, i) => {
            const added = c.linuxParameters?.capabilities?.add;
            const extra = (Array.isArray(added) ? added : []).filter((cap) => !config.allowedCapabilities.includes(cap));
            if (extra.length > 0) {
                report(`${containerLabel(c, i)} adds capabilities ${JSON.stringify(extra)}; remove them from \`linuxParameters.capabilities.add\`.`);
            }
        });
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

/** URNs of the task definitions run by a service that a load balancer health-checks. */
function loadBalancedTaskDefinitions(resources: PolicyResource[]): Set<string> {
    const out = new Set<string>();
    for (const svc of ofTypes(resources, [T.service])) {
        const lbs = known(() => svc.props.loadBalancers);
        if (lbs === UNKNOWN || (Array.isArray(lbs) && lbs.length > 0)) {
            for (const td of referencedBy(svc, "taskDefinition", ofTypes(resources, TASK))) {
                out.add(td.urn);
            }
        }
    }
    return out;
}

export const ecsTaskdefContainerHealthCheck = stackPolicy({
    name: "ecs-taskdef-container-health-check",
    description: "Checks that essential containers define `healthCheck.command`, unless the task definition runs in a service health-checked by a load balancer.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecs", "availability"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html" },
    remediationSteps: "Add `healthCheck: { command: [\"CMD-SHELL\", \"<probe> || exit 1\"] }` to each essential container.",
    validate: (resources, report) => {
        const checkedByLb = loadBalancedTaskDefinitions(resources);
        for (const td of ofTypes(resources, TASK)) {
            if (checkedByLb.has(td.urn)) {
                continue;
            }
            const containers = known(() => parseContainerDefinitions(td.props.containerDefinitions));
            if (containers === UNKNOWN || containers === undefined) {
                continue;
            }
            containers.forEach((c: ContainerDefinition, i: number) => {
                const essential = c.essential !== false;
                const command = c.healthCheck?.command;
                if (essential && !(Array.isArray(command) && command.length > 0)) {
                    report(`Essential ${containerLabel(c, i)} has no health check and no load balancer checks it; set \`healthCheck.command\`.`, td.urn);
                }
            });
        }
    },
});

export const ecsTaskdefLogGroupManaged = stackPolicy({
    name: "ecs-taskdef-log-group-managed",
    description: "Checks that each awslogs container writes to a CloudWatch log group managed in the stack (so retention and encryption rules apply), not one created implicitly.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecs", "logging"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html" },
    remediationSteps: "Create an `aws.cloudwatch.LogGroup` with retention and pass its name as `awslogs-group`; remove `awslogs-create-group`.",
    validate: (resources, report) => {
        const logGroups = ofTypes(resources, [T.logGroup]);
        const names = new Set<string>();
        for (const g of logGroups) {
            for (const key of ["name", "id"]) {
                const v = known(() => g.props[key]);
                if (typeof v === "string") {
                    names.add(v);
                }
            }
        }
        for (const td of ofTypes(resources, TASK)) {
            const containers = known(() => parseContainerDefinitions(td.props.containerDefinitions));
            if (containers === UNKNOWN || containers === undefined) {
                continue;
            }
            const depended = referencedBy(td, "containerDefinitions", logGroups).length > 0;
            containers.forEach((c: ContainerDefinition, i: number) => {
                const lc = c.logConfiguration;
                if (lc?.logDriver !== "awslogs") {
                    return;
                }
                const group = lc.options?.["awslogs-group"];
                if (String(lc.options?.["awslogs-create-group"]).toLowerCase() === "true") {
                    report(`${containerLabel(c, i)} sets \`awslogs-create-group\`; create the log group in the stack instead.`, td.urn);
                } else if (!(typeof group === "string" && names.has(group)) && !depended) {
                    report(`${containerLabel(c, i)} writes to log group ${JSON.stringify(group ?? null)}, which the stack does not manage; create it with \`aws.cloudwatch.LogGroup\`.`, td.urn);
                }
            });
        }
    },
});

export const ecsTaskDefinitionPolicies = [
    ecsTaskdefAwsvpcNetworkMode,
    ecsTaskdefFargateCompatible,
    ecsTaskdefNoPrivilegedContainers,
    ecsTaskdefReadonlyRootFilesystem,
    ecsTaskdefNonRootUser,
    ecsTaskdefNoHostPid,
    ecsTaskdefNoHostIpc,
    ecsTaskdefLoggingConfigured,
    ecsTaskdefNoSecretsInEnvironment,
    ecsTaskdefEfsTransitEncryption,
    ecsTaskdefDistinctTaskExecutionRoles,
    ecsTaskdefImagePinned,
    ecsTaskdefNoAddedCapabilities,
    ecsTaskdefMemoryLimits,
    ecsTaskdefContainerHealthCheck,
    ecsTaskdefLogGroupManaged,
];
