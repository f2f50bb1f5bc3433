/**
 * ECS container-definition policies. `containerDefinitions` is a JSON string that is usually unknown on a first
 * preview: a policy reading it is then skipped with the engine's "can't run during preview" advisory.
 */
import { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "./define";
import { known, ofTypes, referencedBy, T, UNKNOWN } from "./helpers";
import { ContainerDefinition, containerLabel, containersOf, parseContainerDefinitions } from "./parse";

const TASK = [T.taskDefinition];

function isWindows(props: Record<string, any>): boolean {
    const family = props.runtimePlatform?.operatingSystemFamily;
    return typeof family === "string" && family.startsWith("WINDOWS");
}

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
