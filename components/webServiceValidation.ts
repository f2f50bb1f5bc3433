/**
 * Validation of `WebServiceArgs`, and of the arguments every service kind shares (`WorkerService` uses the same
 * checks): every argument a user can get wrong, checked before the first child.
 */
import { unknownArguments, WEB_SERVICE_KEYS } from "./argKeys";
import { validateCapacity } from "./clusterBuilders";
import { DEFAULT_DESIRED_COUNT } from "./defaults";
import { checkFargateSize } from "./fargateSizing";
import { checkTaskPolicyJson, FORBIDDEN_MANAGED_POLICIES } from "./iamDocuments";
import { LOG_RETENTION_DAYS, matcherViolation, RANGES, RULES, timeoutBelowInterval } from "./awsRules";
import { checkArn, checkCidr, checkInteger, checkKmsKeyArn, checkNonEmpty, checkNumber, checkOneOf, checkPort, checkTags, checkText, known, quote } from "./validate";
import type { ScalingTargets } from "./autoscaling";
import { DEFAULT_CONTAINER_PORT, DEFAULT_CPU, DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS, DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS, DEFAULT_MEMORY_MIB } from "./defaults";
import { Architecture, TaskArgs } from "./taskArgs";
import { validateStrategy, validateTaskOptions } from "./taskValidation";
import { WebServiceArgs } from "./webServiceArgs";

export { LOG_RETENTION_DAYS };
const TASKS = RANGES.tasksPerService;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SCHEDULE = /^(cron|rate|at)\(.+\)$/;

export function validateNames(args: TaskArgs): (string | undefined)[] {
    return [
        checkText("serviceName", args.serviceName, RULES.ecsServiceName),
        checkText("family", args.family, RULES.ecsTaskFamily),
        ...checkTags("tags", args.tags),
    ];
}

export function validateContainer(args: TaskArgs & { containerPort?: number }): (string | undefined)[] {
    const problems: (string | undefined)[] = [checkPort("containerPort", args.containerPort)];
    const cpu = args.cpu ?? DEFAULT_CPU;
    const memory = args.memory ?? DEFAULT_MEMORY_MIB;
    problems.push(checkFargateSize(cpu, memory));
    problems.push(checkOneOf("architecture", args.architecture, Object.values(Architecture)));
    const environment = known(args.environment);
    for (const key of Object.keys(environment ?? {})) {
        if (!ENV_NAME.test(key)) {
            problems.push(`\`environment\` key ${quote(key)} is not an environment variable name; use letters, digits and "_", not starting with a digit.`);
        }
    }
    for (const [key, value] of Object.entries(known(args.secrets) ?? {})) {
        if (!ENV_NAME.test(key)) {
            problems.push(`\`secrets\` key ${quote(key)} is not an environment variable name; use letters, digits and "_", not starting with a digit.`);
        }
        if (environment && key in environment) {
            problems.push(`\`${key}\` is in both \`environment\` and \`secrets\`; keep it in \`secrets\` only.`);
        }
        problems.push(checkArn(`secrets.${key}`, known(value), ["secretsmanager", "ssm"], "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf"));
    }
    const paths = args.writablePaths ?? [];
    paths.forEach((p, i) => {
        if (typeof p !== "string" || !p.startsWith("/") || p === "/") {
            problems.push(`\`writablePaths[${i}]\` ${quote(p)} is not an absolute folder path; use one such as "/tmp".`);
        }
    });
    const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
    if (duplicate !== undefined) {
        problems.push(`\`writablePaths\` lists ${quote(duplicate)} twice; list each folder once.`);
    }
    if (args.user !== undefined && !/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/.test(args.user)) {
        problems.push(`\`user\` ${quote(args.user)} is not a user; use a name or UID, optionally with a group, e.g. "1000:1000".`);
    }
    if (args.logRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(args.logRetentionDays)) {
        problems.push(`\`logRetentionDays\` ${quote(args.logRetentionDays)} is not a CloudWatch retention; use one of ${LOG_RETENTION_DAYS.join(", ")} (0 keeps logs forever).`);
    }
    // CloudWatch Logs takes the key's ARN (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html).
    problems.push(checkKmsKeyArn("logKmsKeyArn", known(args.logKmsKeyArn)));
    (args.secretsKmsKeyArns ?? []).forEach((key, i) => problems.push(checkKmsKeyArn(`secretsKmsKeyArns[${i}]`, known(key))));
    const secrets = known(args.secrets);
    if ((args.secretsKmsKeyArns ?? []).length > 0 && (args.secrets === undefined || (secrets !== undefined && Object.keys(secrets).length === 0))) {
        problems.push("`secretsKmsKeyArns` is given but `secrets` is empty; list the secrets those keys encrypt, or drop `secretsKmsKeyArns`.");
    }
    return problems;
}

/**
 * ECS Exec's own rules: its SSM agent needs a writable root file system, and crashes on a read-only one
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html, "Considerations"; aws/containers-roadmap#1359,
 * aws-containers/amazon-ecs-exec-checker#21), and a session key is only used by a service that allows ECS Exec.
 */
export function validateExecuteCommand(args: TaskArgs): (string | undefined)[] {
    const problems: (string | undefined)[] = [checkKmsKeyArn("executeCommandKmsKeyArn", known(args.executeCommandKmsKeyArn))];
    if (args.enableExecuteCommand === true && args.readonlyRootFilesystem === true) {
        problems.push("`readonlyRootFilesystem` true cannot be combined with `enableExecuteCommand` true: ECS Exec's SSM agent must write to the root file system. Drop `readonlyRootFilesystem` (it then defaults to false) or turn `enableExecuteCommand` off.");
    }
    if (args.executeCommandKmsKeyArn !== undefined && args.enableExecuteCommand !== true) {
        problems.push("`executeCommandKmsKeyArn` is only used by ECS Exec; set `enableExecuteCommand` to true, or drop `executeCommandKmsKeyArn`.");
    }
    return problems;
}

export function validatePermissions(args: TaskArgs): (string | undefined)[] {
    const problems: (string | undefined)[] = [];
    (args.taskRolePolicyArns ?? []).forEach((input, i) => {
        const arn = known(input);
        const problem = checkArn(`taskRolePolicyArns[${i}]`, arn, ["iam"], "arn:aws:iam::123456789012:policy/app-permissions");
        problems.push(problem);
        const policyName = problem === undefined && arn !== undefined ? arn.split("/").pop() : undefined;
        if (policyName !== undefined && FORBIDDEN_MANAGED_POLICIES.includes(policyName)) {
            problems.push(`\`taskRolePolicyArns[${i}]\` ${quote(arn)} grants administrator-level access; attach a policy with only the permissions the app needs.`);
        }
    });
    const json = known(args.taskRolePolicyJson);
    if (json !== undefined) {
        problems.push(checkTaskPolicyJson("taskRolePolicyJson", json));
    }
    return problems;
}

function validateLoadBalancing(args: WebServiceArgs): (string | undefined)[] {
    const problems: (string | undefined)[] = [
        checkArn("certificateArn", known(args.certificateArn), ["acm"], "arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"),
        checkArn("webAclArn", known(args.webAclArn), ["wafv2"], "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/app/1234abcd-12ab-34cd-56ef-1234567890ab"),
        checkNonEmpty("allowedCidrs", args.allowedCidrs, "CIDR block, e.g. \"0.0.0.0/0\""),
        ...(args.allowedCidrs ?? []).map((cidr, i) => checkCidr(`allowedCidrs[${i}]`, cidr)),
        checkNumber("healthCheckGracePeriodSeconds", args.healthCheckGracePeriodSeconds, RANGES.healthCheckGracePeriodSeconds),
        checkNumber("deregistrationDelaySeconds", args.deregistrationDelaySeconds, RANGES.deregistrationDelaySeconds),
        checkNonEmpty("subnetIds", known(args.subnetIds), "subnet ID"),
    ];
    const domain = known(args.domainName);
    if (domain !== undefined && !isDomainName(domain)) {
        problems.push(`\`domainName\` ${quote(domain)} is not a domain name; use one such as "app.example.com" (letters, digits and "-" in dot-separated labels of at most 63 characters, no scheme, path or wildcard).`);
    }
    const lbSubnets = known(args.loadBalancerSubnetIds);
    if (Array.isArray(lbSubnets) && lbSubnets.length < 2) {
        problems.push(`\`loadBalancerSubnetIds\` has ${lbSubnets.length} subnet${lbSubnets.length === 1 ? "" : "s"}; an application load balancer needs subnets in at least two availability zones.`);
    }
    const hc = args.healthCheck ?? {};
    problems.push(checkText("healthCheck.path", hc.path, RULES.healthCheckPath));
    const intervalProblem = checkNumber("healthCheck.intervalSeconds", hc.intervalSeconds, RANGES.healthCheckIntervalSeconds);
    const timeoutProblem = checkNumber("healthCheck.timeoutSeconds", hc.timeoutSeconds, RANGES.healthCheckTimeoutSeconds);
    problems.push(
        intervalProblem,
        timeoutProblem,
        checkNumber("healthCheck.healthyThreshold", hc.healthyThreshold, RANGES.healthCheckThreshold),
        checkNumber("healthCheck.unhealthyThreshold", hc.unhealthyThreshold, RANGES.healthCheckThreshold),
    );
    // CreateTargetGroup rejects a timeout not below the interval, whichever of the two is a default
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html).
    const interval = hc.intervalSeconds ?? DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS;
    const timeout = hc.timeoutSeconds ?? DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS;
    if (intervalProblem === undefined && timeoutProblem === undefined && !timeoutBelowInterval(timeout, interval)) {
        const shown = (value: number, given: boolean) => `${value}${given ? "" : " (the default)"}`;
        problems.push(`\`healthCheck.timeoutSeconds\` ${shown(timeout, hc.timeoutSeconds !== undefined)} must be less than \`healthCheck.intervalSeconds\` ${shown(interval, hc.intervalSeconds !== undefined)}; shorten the timeout or lengthen the interval.`);
    }
    const matcherProblem = hc.matcher !== undefined ? matcherViolation(hc.matcher) : undefined;
    if (matcherProblem !== undefined) {
        problems.push(`\`healthCheck.matcher\` ${quote(hc.matcher)} ${matcherProblem}.`);
    }
    return problems;
}

/** A fully qualified host name: two or more labels of 1 to 63 letters, digits or inner hyphens, 253 characters at most (RFC 1123). */
function isDomainName(value: unknown): boolean {
    return typeof value === "string" && value.length <= 253
        && /^(?=[^.]{1,63}\.)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(value);
}

/** Problems with the deployment's rolling settings, the capacity split and auto scaling (`scaling` is the service kind's own). */
export function validateDeploymentAndScaling(args: TaskArgs, scaling: ScalingTargets | undefined): (string | undefined)[] {
    const d = args.deployment ?? {};
    const problems: (string | undefined)[] = [
        checkNumber("desiredCount", args.desiredCount, TASKS),
        checkNumber("deployment.minimumHealthyPercent", d.minimumHealthyPercent, RANGES.minimumHealthyPercent),
        checkNumber("deployment.maximumPercent", d.maximumPercent, RANGES.maximumPercent),
        ...validateCapacity("capacity", args.capacity),
    ];
    if (d.minimumHealthyPercent !== undefined && d.maximumPercent !== undefined && d.maximumPercent <= d.minimumHealthyPercent) {
        problems.push(`\`deployment.maximumPercent\` ${d.maximumPercent} must be above \`deployment.minimumHealthyPercent\` ${d.minimumHealthyPercent}, or a deploy can never start a new task.`);
    }
    if (scaling) {
        problems.push(
            checkNumber("autoscaling.minCapacity", scaling.minCapacity, TASKS),
            checkNumber("autoscaling.maxCapacity", scaling.maxCapacity, { ...TASKS, min: 1 }),
            checkInteger("autoscaling.cpuTargetPercent", scaling.cpuTargetPercent, 1, 100, " percent"),
            checkInteger("autoscaling.memoryTargetPercent", scaling.memoryTargetPercent, 1, 100, " percent"),
            checkInteger("autoscaling.requestsPerTarget", scaling.requestsPerTarget, 1, 1000000),
            checkInteger("autoscaling.queueDepth.messagesPerTask", scaling.queueDepth?.messagesPerTask, 1, 1000000),
            checkInteger("autoscaling.scaleInCooldownSeconds", scaling.scaleInCooldownSeconds, 0, 86400, " seconds"),
            checkInteger("autoscaling.scaleOutCooldownSeconds", scaling.scaleOutCooldownSeconds, 0, 86400, " seconds"),
        );
        const desired = args.desiredCount ?? Math.max(DEFAULT_DESIRED_COUNT, scaling.minCapacity);
        if (scaling.minCapacity > scaling.maxCapacity) {
            problems.push(`\`autoscaling.minCapacity\` ${scaling.minCapacity} is above \`autoscaling.maxCapacity\` ${scaling.maxCapacity}; the minimum must not exceed the maximum.`);
        } else if (desired < scaling.minCapacity || desired > scaling.maxCapacity) {
            problems.push(`\`desiredCount\` ${desired} is outside the autoscaling range ${scaling.minCapacity} to ${scaling.maxCapacity}; choose a count within it (minCapacity ≤ desiredCount ≤ maxCapacity).`);
        }
        if (scaling.queueDepth !== undefined) {
            // SQS queue names: 1 to 80 letters, digits, "-" or "_", and ".fifo" for a FIFO queue (SQS API, CreateQueue).
            const queueName = known(scaling.queueDepth.queueName);
            if (scaling.queueDepth.queueName === undefined || (queueName !== undefined && (typeof queueName !== "string" || !/^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(queueName) || queueName.length > 80))) {
                problems.push(`\`autoscaling.queueDepth.queueName\` ${quote(queueName)} is not an SQS queue name; give the queue's name (not its URL or ARN), 1 to 80 letters, digits, "-" or "_", e.g. "orders".`);
            }
            if (scaling.queueDepth.messagesPerTask === undefined) {
                problems.push("`autoscaling.queueDepth.messagesPerTask` is required; give the backlog one task can work through, e.g. 100.");
            }
        }
        const names = (scaling.schedules ?? []).map((s) => s.name);
        (scaling.schedules ?? []).forEach((s, i) => {
            const at = `autoscaling.schedules[${i}]`;
            if (typeof s.name !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(s.name)) {
                problems.push(`\`${at}.name\` ${quote(s.name)} is not a valid name; use 1 to 100 letters, digits, "-" or "_".`);
            } else if (names.indexOf(s.name) !== i) {
                problems.push(`\`${at}.name\` ${quote(s.name)} is used twice; give each schedule its own name.`);
            }
            if (typeof s.schedule !== "string" || !SCHEDULE.test(s.schedule)) {
                problems.push(`\`${at}.schedule\` ${quote(s.schedule)} is not a schedule; use "cron(…)", "rate(…)" or "at(…)", e.g. "cron(0 8 ? * MON-FRI *)".`);
            }
            problems.push(checkNumber(`${at}.minCapacity`, s.minCapacity, TASKS), checkNumber(`${at}.maxCapacity`, s.maxCapacity, TASKS));
            if (s.minCapacity === undefined && s.maxCapacity === undefined) {
                problems.push(`\`${at}\` changes nothing; give \`minCapacity\`, \`maxCapacity\` or both.`);
            }
        });
    }
    return problems;
}

/** Problems with the attachment to a shared load balancer (ELB API: rule priorities 1–50000; ELB quotas: five condition values per rule; host and path values up to 128 characters of the allowed set). */
function validateAttachment(args: WebServiceArgs): (string | undefined)[] {
    const lb = args.loadBalancer;
    if (lb === undefined) {
        const subnets = args.loadBalancerSubnetIds as unknown;
        return subnets === undefined || subnets === null || subnets === ""
            ? ["`loadBalancerSubnetIds` is required without `loadBalancer`; give the subnets of the service's own load balancer, or attach it to a shared `LoadBalancer` with `loadBalancer`."]
            : [];
    }
    const problems: (string | undefined)[] = [
        checkArn("loadBalancer.listenerArn", known(lb.listenerArn), ["elasticloadbalancing"], "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/50dc6c495c0c9188/f2f7dc8efc522ab2"),
        checkInteger("loadBalancer.priority", lb.priority, 1, 50000),
    ];
    for (const key of ["listenerArn", "securityGroupId", "arnSuffix"] as const) {
        if (lb[key] === undefined || lb[key] === "") {
            problems.push(`\`loadBalancer.${key}\` is required; give the shared \`LoadBalancer\`'s \`${key}\`.`);
        }
    }
    const hosts = lb.hostHeaders ?? [];
    const paths = lb.pathPatterns ?? [];
    if (hosts.length + paths.length === 0) {
        problems.push("`loadBalancer` has no condition; give `hostHeaders`, `pathPatterns` or both, so the rule matches only this service's requests.");
    } else if (hosts.length + paths.length > 5) {
        problems.push(`\`loadBalancer\` has ${hosts.length + paths.length} condition values; keep at most 5 (host headers and path patterns together: a listener rule takes no more), splitting the service's hosts or paths.`);
    }
    hosts.forEach((h, i) => {
        if (typeof h !== "string" || h.length === 0 || h.length > 128 || !/^[A-Za-z0-9.*?-]+$/.test(h)) {
            problems.push(`\`loadBalancer.hostHeaders[${i}]\` ${quote(h)} is not a host name pattern; use up to 128 letters, digits, "-", "." and the wildcards "*" and "?", e.g. "api.example.com".`);
        }
    });
    paths.forEach((p, i) => {
        if (typeof p !== "string" || p.length === 0 || p.length > 128 || !/^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/.test(p)) {
            problems.push(`\`loadBalancer.pathPatterns[${i}]\` ${quote(p)} is not a path pattern; use up to 128 characters of A-Z, a-z, 0-9, _ - . $ / ~ " ' @ : + & and the wildcards "*" and "?", e.g. "/api/*".`);
        }
    });
    // These configure a load balancer of the service's own, which it does not have when attached.
    for (const key of ["loadBalancerSubnetIds", "certificateArn", "internal", "allowedCidrs", "deletionProtection", "accessLogsBucket", "webAclArn"] as const) {
        if (args[key] !== undefined) {
            const value = known(args[key] as unknown);
            problems.push(`\`${key}\`${value !== undefined && typeof value !== "object" ? ` ${quote(value)}` : ""} configures the service's own load balancer, but it attaches to a shared one with \`loadBalancer\`; drop it here and set it on the \`LoadBalancer\`.`);
        }
    }
    return problems;
}

/** Every problem with `args` of the component `name`, before anything is created. */
export function validateWebServiceArgs(args: WebServiceArgs, name = "web"): (string | undefined)[] {
    const required = (["clusterArn", "vpcId", "subnetIds", "image"] as const)
        .filter((key) => args[key] === undefined || args[key] === null || args[key] === "")
        .map((key) => `\`${key}\` ${args[key] === "" ? '"" is empty' : "is required"}; give ${key === "image" ? "the container image to run (e.g. a Registry's imageUri)" : `the ${key} of the network/cluster to run in`}.`);
    const clusterArn = known(args.clusterArn);
    return [
        ...unknownArguments("WebService", WEB_SERVICE_KEYS, args),
        ...required,
        checkArn("clusterArn", clusterArn === "" ? undefined : clusterArn, ["ecs"], "arn:aws:ecs:us-east-1:123456789012:cluster/main"),
        ...validateNames(args),
        ...validateContainer(args),
        ...validatePermissions(args),
        ...validateExecuteCommand(args),
        ...validateAttachment(args),
        ...validateLoadBalancing(args),
        ...validateDeploymentAndScaling(args, args.autoscaling),
        ...validateStrategy(args, ["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"]),
        ...validateTaskOptions(name, args, { cpu: args.cpu ?? DEFAULT_CPU, memory: args.memory ?? DEFAULT_MEMORY_MIB, containerPort: args.containerPort ?? DEFAULT_CONTAINER_PORT }),
    ];
}
