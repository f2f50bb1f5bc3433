/**
 * Validation of the container options every service kind shares: command and entry point, the container health
 * check, stop timeout, ephemeral storage, sidecars, EFS volumes, Service Connect and the deployment strategy.
 * Each rule cites the AWS page it follows.
 */
import { CONTAINER_NAME } from "./defaults";
import { checkArn, checkInteger, checkOneOf, known, quote } from "./validate";
import { DeploymentStrategy, TaskArgs } from "./taskArgs";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** ECS container names: up to 255 letters, digits, hyphens and underscores (ECS API, ContainerDefinition.name). */
const CONTAINER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
/** EFS IDs (EFS API, FileSystemId and AccessPointId patterns). */
const FILE_SYSTEM_ID = /^fs-[0-9a-f]{8,40}$/;
const ACCESS_POINT_ID = /^fsap-[0-9a-f]{8,40}$/;
/** A DNS label: the Service Connect discovery name and client alias (ECS API, ServiceConnectService). */
const DNS_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** Most containers in one task definition (ECS service quotas, "Containers per task definition"). */
export const MAX_CONTAINERS_PER_TASK = 10;
/** Smallest hard memory limit Docker accepts for a container, in MiB (ECS API, ContainerDefinition.memory). */
const MIN_CONTAINER_MEMORY_MIB = 6;

function checkWords(arg: string, value: unknown, what: string): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (!Array.isArray(value) || value.length === 0 || value.some((w) => typeof w !== "string")) {
        return `\`${arg}\` ${quote(value)} is not a list of words; give at least one string, e.g. ${what}, or leave it out to use the image's.`;
    }
    return undefined;
}

function checkVariables(arg: string, environment: unknown, secrets: unknown): (string | undefined)[] {
    const problems: (string | undefined)[] = [];
    const env = known(environment as any) as Record<string, unknown> | undefined;
    for (const key of Object.keys(env ?? {})) {
        if (!ENV_NAME.test(key)) {
            problems.push(`\`${arg}.environment\` key ${quote(key)} is not an environment variable name; use letters, digits and "_", not starting with a digit.`);
        }
    }
    for (const [key, value] of Object.entries((known(secrets as any) as Record<string, unknown> | undefined) ?? {})) {
        if (!ENV_NAME.test(key)) {
            problems.push(`\`${arg}.secrets\` key ${quote(key)} is not an environment variable name; use letters, digits and "_", not starting with a digit.`);
        }
        problems.push(checkArn(`${arg}.secrets.${key}`, known(value as any), ["secretsmanager", "ssm"], "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf"));
    }
    return problems;
}

/** Problems with the container health check (ECS API reference, "HealthCheck": the command starts with CMD or CMD-SHELL; interval 5–300 s, timeout 2–60 s, retries 1–10, start period 0–300 s). */
function validateContainerHealthCheck(args: TaskArgs): (string | undefined)[] {
    const hc = args.containerHealthCheck;
    if (hc === undefined) {
        return [];
    }
    const problems: (string | undefined)[] = [];
    const command = hc.command as unknown;
    if (!Array.isArray(command) || command.length < 2 || !["CMD", "CMD-SHELL"].includes(command[0]) || command.some((w) => typeof w !== "string")) {
        problems.push(`\`containerHealthCheck.command\` ${quote(command)} is not a health-check command; use "CMD" or "CMD-SHELL" followed by the command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"].`);
    }
    problems.push(
        checkInteger("containerHealthCheck.intervalSeconds", hc.intervalSeconds, 5, 300, " seconds"),
        checkInteger("containerHealthCheck.timeoutSeconds", hc.timeoutSeconds, 2, 60, " seconds"),
        checkInteger("containerHealthCheck.retries", hc.retries, 1, 10),
        checkInteger("containerHealthCheck.startPeriodSeconds", hc.startPeriodSeconds, 0, 300, " seconds"),
    );
    return problems;
}

/** Problems with the sidecars: names, images, ports, variables, and that their CPU and memory fit the task. */
function validateSidecars(args: TaskArgs, task: { cpu: number; memory: number; containerPort?: number }): (string | undefined)[] {
    const sidecars = args.sidecars ?? [];
    const problems: (string | undefined)[] = [];
    if (sidecars.length > MAX_CONTAINERS_PER_TASK - 1) {
        problems.push(`\`sidecars\` has ${sidecars.length} containers; give at most ${MAX_CONTAINERS_PER_TASK - 1} sidecars (a task holds at most ${MAX_CONTAINERS_PER_TASK} containers).`);
    }
    const names = sidecars.map((s) => s.name);
    const ports = new Map<number, string>();
    if (task.containerPort !== undefined) {
        ports.set(task.containerPort, "`containerPort`");
    }
    let cpu = 0;
    let memory = 0;
    sidecars.forEach((s, i) => {
        const at = `sidecars[${i}]`;
        if (typeof s.name !== "string" || !CONTAINER_NAME_PATTERN.test(s.name)) {
            problems.push(`\`${at}.name\` ${quote(s.name)} is not a container name; use 1 to 255 letters, digits, "-" or "_".`);
        } else if (s.name === CONTAINER_NAME) {
            problems.push(`\`${at}.name\` "${CONTAINER_NAME}" is the app container's name; give the sidecar another name.`);
        } else if (names.indexOf(s.name) !== i) {
            problems.push(`\`${at}.name\` ${quote(s.name)} is used twice; give each sidecar its own name.`);
        }
        if (s.image === undefined || s.image === null || s.image === "") {
            problems.push(`\`${at}.image\` is required; give the sidecar's container image.`);
        }
        problems.push(checkInteger(`${at}.cpu`, s.cpu, 0, task.cpu, " CPU units"), checkInteger(`${at}.memoryMiB`, s.memoryMiB, MIN_CONTAINER_MEMORY_MIB, task.memory, " MiB"));
        cpu += typeof s.cpu === "number" ? s.cpu : 0;
        memory += typeof s.memoryMiB === "number" ? s.memoryMiB : 0;
        (s.ports ?? []).forEach((port, j) => {
            const problem = checkInteger(`${at}.ports[${j}]`, port, 1, 65535);
            problems.push(problem);
            if (problem === undefined && ports.has(port)) {
                // awsvpc: every container of a task shares one network namespace (ECS task networking guide).
                problems.push(`\`${at}.ports[${j}]\` ${port} is already taken by ${ports.get(port)}; give each port once (containers of a task share one network interface).`);
            }
            ports.set(port, `\`${at}\``);
        });
        problems.push(checkWords(`${at}.command`, s.command, '["--config", "/etc/agent.yaml"]'), ...checkVariables(at, s.environment, s.secrets));
    });
    // The task-level size is what Fargate bills and caps; the containers' reservations must fit in it (ECS task definition parameters, "Task size").
    if (cpu > task.cpu) {
        problems.push(`\`sidecars\` reserve ${cpu} CPU units, more than the task's \`cpu\` ${task.cpu}; give the task a larger \`cpu\` or the sidecars less.`);
    }
    if (memory >= task.memory) {
        problems.push(`\`sidecars\` take ${memory} MiB, leaving no memory of the task's \`memory\` ${task.memory} MiB for the app; give the task a larger \`memory\` or the sidecars less \`memoryMiB\`.`);
    }
    return problems;
}

/** Problems with the EFS volumes (EFS API ID patterns; ECS requires transit encryption, which is always on). */
function validateEfsVolumes(args: TaskArgs): (string | undefined)[] {
    const volumes = args.efsVolumes ?? [];
    const problems: (string | undefined)[] = [];
    const paths = [...(args.writablePaths ?? [])];
    volumes.forEach((v, i) => {
        const at = `efsVolumes[${i}]`;
        const fs = known(v.fileSystemId);
        if (v.fileSystemId === undefined || (fs !== undefined && (typeof fs !== "string" || !FILE_SYSTEM_ID.test(fs)))) {
            problems.push(`\`${at}.fileSystemId\` ${quote(v.fileSystemId)} is not an EFS file system ID; use one such as "fs-0123456789abcdef0".`);
        }
        const ap = known(v.accessPointId);
        if (ap !== undefined && (typeof ap !== "string" || !ACCESS_POINT_ID.test(ap))) {
            problems.push(`\`${at}.accessPointId\` ${quote(ap)} is not an EFS access point ID; use one such as "fsap-0123456789abcdef0".`);
        }
        if (typeof v.containerPath !== "string" || !v.containerPath.startsWith("/") || v.containerPath === "/") {
            problems.push(`\`${at}.containerPath\` ${quote(v.containerPath)} is not an absolute folder path; use one such as "/data".`);
        } else if (paths.includes(v.containerPath)) {
            problems.push(`\`${at}.containerPath\` ${quote(v.containerPath)} is already mounted; keep one mount per folder.`);
        }
        paths.push(v.containerPath);
    });
    return problems;
}

/** Problems with Service Connect: a DNS-label discovery name, and a port to publish unless client-only. */
function validateServiceConnect(name: string, args: TaskArgs, containerPort: number | undefined): (string | undefined)[] {
    const sc = args.serviceConnect;
    if (sc === undefined) {
        return [];
    }
    const problems: (string | undefined)[] = [];
    const discoveryName = sc.discoveryName ?? name;
    if (typeof discoveryName !== "string" || !DNS_LABEL.test(discoveryName)) {
        problems.push(`\`serviceConnect.discoveryName\` ${quote(discoveryName)}${sc.discoveryName === undefined ? " (the component name)" : ""} is not a DNS label; use 1 to 63 letters, digits or "-", not starting or ending with "-".`);
    }
    if (known(sc.namespace) === "") {
        problems.push("`serviceConnect.namespace` is empty; give a Cloud Map namespace name or ARN, or leave it out to use the cluster's.");
    }
    if (!sc.clientOnly && containerPort === undefined) {
        problems.push("`serviceConnect` publishes the service, but it has no `containerPort`; give the port clients reach, or set `serviceConnect.clientOnly`.");
    }
    return problems;
}

/**
 * Problems with the deployment strategy and its settings (ECS API reference, "DeploymentConfiguration": bake times
 * 0–1440 minutes, canary 0.1–100 percent, linear steps 3–100 percent). `allowed` are the strategies the service kind
 * supports.
 */
export function validateStrategy(args: TaskArgs, allowed: readonly DeploymentStrategy[]): (string | undefined)[] {
    const dep = args.deployment ?? {};
    const strategy = dep.strategy ?? "ROLLING";
    const problems: (string | undefined)[] = [checkOneOf("deployment.strategy", dep.strategy, Object.values(DeploymentStrategy))];
    if (Object.values(DeploymentStrategy).includes(strategy) && !allowed.includes(strategy)) {
        problems.push(`\`deployment.strategy\` "${strategy}" shifts load-balancer traffic, which this service has none of; use ${allowed.map((a) => `"${a}"`).join(", ")}.`);
    }
    problems.push(checkInteger("deployment.bakeTimeMinutes", dep.bakeTimeMinutes, 0, 1440, " minutes"), checkInteger("deployment.stepBakeTimeMinutes", dep.stepBakeTimeMinutes, 0, 1440, " minutes"));
    if (dep.canaryPercent !== undefined && (typeof dep.canaryPercent !== "number" || !(dep.canaryPercent >= 0.1 && dep.canaryPercent <= 100))) {
        problems.push(`\`deployment.canaryPercent\` ${quote(dep.canaryPercent)} is not valid; use a percentage from 0.1 to 100.`);
    }
    if (dep.linearStepPercent !== undefined && (typeof dep.linearStepPercent !== "number" || !(dep.linearStepPercent >= 3 && dep.linearStepPercent <= 100))) {
        problems.push(`\`deployment.linearStepPercent\` ${quote(dep.linearStepPercent)} is not valid; use a percentage from 3 to 100.`);
    }
    const belongs: [keyof typeof dep, DeploymentStrategy[]][] = [
        ["bakeTimeMinutes", ["BLUE_GREEN", "CANARY", "LINEAR"]],
        ["canaryPercent", ["CANARY"]],
        ["linearStepPercent", ["LINEAR"]],
        ["stepBakeTimeMinutes", ["CANARY", "LINEAR"]],
    ];
    for (const [key, strategies] of belongs) {
        if (dep[key] !== undefined && !strategies.includes(strategy)) {
            problems.push(`\`deployment.${key}\` ${quote(dep[key])} applies only to ${strategies.map((s) => `"${s}"`).join(", ")}, and \`deployment.strategy\` is "${strategy}"; drop it or change the strategy.`);
        }
    }
    return problems;
}

/** Every problem with the shared container options of `args`, for the component `name`. */
export function validateTaskOptions(name: string, args: TaskArgs, task: { cpu: number; memory: number; containerPort?: number }): (string | undefined)[] {
    return [
        checkWords("command", args.command, '["node", "server.js"]'),
        checkWords("entryPoint", args.entryPoint, '["/docker-entrypoint.sh"]'),
        ...validateContainerHealthCheck(args),
        // Fargate: the stop timeout is at most 120 seconds (ECS API reference, ContainerDefinition.stopTimeout).
        checkInteger("stopTimeoutSeconds", args.stopTimeoutSeconds, 2, 120, " seconds"),
        // Fargate: 21 to 200 GiB of ephemeral storage (ECS API reference, EphemeralStorage.sizeInGiB).
        checkInteger("ephemeralStorageGiB", args.ephemeralStorageGiB, 21, 200, " GiB"),
        ...validateSidecars(args, task),
        ...validateEfsVolumes(args),
        ...validateServiceConnect(name, args, task.containerPort),
    ];
}
