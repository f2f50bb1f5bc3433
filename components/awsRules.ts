/**
 * AWS's documented constraints on the values this package sets, in one pure module (no Pulumi, no I/O): name
 * lengths and character sets per resource type, reserved prefixes, description character sets, value ranges and
 * the combinations AWS forbids. Validation calls it before anything is created; tests hold it against the
 * CloudFormation registry schemas (tests/components/cfnSchemas.test.ts), which AWS publishes per resource type.
 * Each rule cites the page it comes from.
 */

/** A rule on a string: its length, its characters and the prefixes AWS reserves. */
export interface TextRule {
    /** What the value is, as a message says it: `is not ${what}`. */
    readonly what: string;
    readonly minLength: number;
    readonly maxLength: number;
    /** The whole value must match (anchored). */
    readonly pattern: RegExp;
    /** What AWS allows, as a message says it: `use ${allowed}`. */
    readonly allowed: string;
    /** Prefixes AWS reserves (compared case-insensitively). */
    readonly reservedPrefixes?: readonly string[];
    /** The AWS page the rule comes from. */
    readonly source: string;
}

/** A rule on a whole number: its range, and the values allowed when only some are. */
export interface NumberRule {
    readonly min: number;
    readonly max: number;
    /** The only values allowed, when AWS lists them (e.g. log retention days). */
    readonly values?: readonly number[];
    /** Unit as a message says it, with its leading space: " seconds". */
    readonly unit?: string;
    readonly source: string;
}

/** What is wrong with `value` under `rule`, as the end of a message (`…; use …`), or undefined when it is fine. */
export function textViolation(rule: TextRule, value: string): string | undefined {
    if (value.length < rule.minLength || value.length > rule.maxLength || !rule.pattern.test(value)) {
        return `is not ${rule.what}; use ${rule.allowed}`;
    }
    const reserved = (rule.reservedPrefixes ?? []).find((p) => value.toLowerCase().startsWith(p.toLowerCase()));
    if (reserved !== undefined) {
        return `begins with "${reserved}", which AWS reserves; use ${rule.allowed}, not beginning with "${reserved}"`;
    }
    return undefined;
}

/** True when `value` satisfies `rule`. */
export function satisfiesNumber(rule: NumberRule, value: number): boolean {
    return Number.isInteger(value) && value >= rule.min && value <= rule.max && (rule.values === undefined || rule.values.includes(value));
}

const ECS_NAME_SOURCE = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html";
const LB_NAME_SOURCE = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html";
const TG_SOURCE = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html";
const EC2_TEXT_ALLOWED = 'up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*';
/** EC2's character set of security group names and descriptions, and of rule descriptions. */
const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

export const RULES = {
    /** CreateCluster: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    ecsClusterName: {
        what: "a valid ECS cluster name", minLength: 1, maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/,
        allowed: '1 to 255 letters, digits, "-" or "_"', source: ECS_NAME_SOURCE,
    },
    /** CreateService serviceName: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    ecsServiceName: {
        what: "a valid ECS name", minLength: 1, maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/,
        allowed: '1 to 255 letters, digits, "-" or "_"', source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    },
    /** RegisterTaskDefinition family: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    ecsTaskFamily: {
        what: "a valid ECS name", minLength: 1, maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/,
        allowed: '1 to 255 letters, digits, "-" or "_"', source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    },
    /** ContainerDefinition name: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    ecsContainerName: {
        what: "a valid container name", minLength: 1, maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/,
        allowed: '1 to 255 letters, digits, "-" or "_"', source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    },
    /** CreateRole RoleName: 1 to 64 characters of `[\w+=,.@-]`. */
    iamRoleName: {
        what: "a valid IAM role name", minLength: 1, maxLength: 64, pattern: /^[\w+=,.@-]+$/,
        allowed: '1 to 64 letters, digits or "_+=,.@-"', source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    },
    /** CreateRole Description: up to 1000 characters of tab, newline, carriage return, printable ASCII and Latin-1. */
    iamRoleDescription: {
        what: "a valid IAM role description", minLength: 0, maxLength: 1000, pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
        allowed: "up to 1000 printable ASCII or Latin-1 characters", source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    },
    /** PutRolePolicy PolicyName: 1 to 128 characters of `[\w+=,.@-]`. */
    iamPolicyName: {
        what: "a valid IAM policy name", minLength: 1, maxLength: 128, pattern: /^[\w+=,.@-]+$/,
        allowed: '1 to 128 letters, digits or "_+=,.@-"', source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
    },
    /**
     * CreateLoadBalancer Name: "at most 32 characters, must contain only alphanumeric characters or hyphens, must not
     * begin or end with a hyphen, and must not begin with "internal-"".
     */
    loadBalancerName: {
        what: "a valid load balancer name", minLength: 1, maxLength: 32, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
        allowed: "1 to 32 letters, digits or hyphens, not beginning or ending with a hyphen", reservedPrefixes: ["internal-"], source: LB_NAME_SOURCE,
    },
    /** CreateTargetGroup Name: "at most 32 characters, must contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen". */
    targetGroupName: {
        what: "a valid target group name", minLength: 1, maxLength: 32, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
        allowed: "1 to 32 letters, digits or hyphens, not beginning or ending with a hyphen", source: TG_SOURCE,
    },
    /**
     * CreateRepository repositoryName: 2 to 256 characters; lowercase letters and digits in path segments separated
     * by `/`, with `.`, `_`, `__` or runs of `-` between them: the registry schema's pattern, the OCI distribution grammar
     * ECR follows (the API reference's older pattern allows single separators only).
     */
    ecrRepositoryName: {
        what: "a valid ECR repository name", minLength: 2, maxLength: 256,
        pattern: /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/,
        allowed: '2 to 256 lowercase letters and digits, separated by ".", "_", "-" or "/", e.g. "team/web-app"',
        source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
    },
    /** An image tag: "up to 128 characters ... valid ASCII and can contain lowercase and uppercase letters, digits, underscores, periods, and hyphens ... cannot start with a period or a hyphen" (Docker's rule, which ECR applies). */
    imageTag: {
        what: "a Docker tag", minLength: 1, maxLength: 128, pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
        allowed: 'up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"', source: "https://docs.docker.com/reference/cli/docker/image/tag/",
    },
    /** CreateLogGroup logGroupName: 1 to 512 characters of `[\.\-_/#A-Za-z0-9]`. */
    logGroupName: {
        what: "a valid log group name", minLength: 1, maxLength: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/,
        allowed: '1 to 512 letters, digits or "._-/#"', source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    },
    /** CreateSecurityGroup GroupName: up to 255 of a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$*; cannot start with sg-. */
    securityGroupName: {
        what: "a valid security group name", minLength: 1, maxLength: 255, pattern: EC2_TEXT,
        allowed: EC2_TEXT_ALLOWED, reservedPrefixes: ["sg-"], source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
    },
    /** CreateSecurityGroup GroupDescription: up to 255 of a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$*. */
    securityGroupDescription: {
        what: "a valid security group description", minLength: 0, maxLength: 255, pattern: EC2_TEXT,
        allowed: EC2_TEXT_ALLOWED, source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
    },
    /** IpPermission / SecurityGroupRule Description: up to 255 of a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$*. */
    securityGroupRuleDescription: {
        what: "a valid security group rule description", minLength: 0, maxLength: 255, pattern: EC2_TEXT,
        allowed: EC2_TEXT_ALLOWED, source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html",
    },
    /**
     * Tag keys: 1 to 128 Unicode letters, digits, spaces and `_.:/=+-@`; the `aws:` prefix is AWS's own
     * ("You can't edit or delete tag keys or values with this prefix").
     */
    tagKey: {
        what: "a valid tag key", minLength: 1, maxLength: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
        allowed: '1 to 128 letters, digits, spaces or "_.:/=+-@"', reservedPrefixes: ["aws:"],
        source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
    },
    /** Tag values: 0 to 256 Unicode letters, digits, spaces and `_.:/=+-@`. */
    tagValue: {
        what: "a valid tag value", minLength: 0, maxLength: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
        allowed: 'up to 256 letters, digits, spaces or "_.:/=+-@"',
        source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
    },
    /** ECR Tag Key: 1 to 127 characters (AWS::ECR::Repository Tag), on top of the tag rule. */
    ecrTagKey: {
        what: "a valid ECR tag key", minLength: 1, maxLength: 127, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
        allowed: '1 to 127 letters, digits, spaces or "_.:/=+-@"', reservedPrefixes: ["aws:"],
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecr-repository-tag.html",
    },
    /** ECR Tag Value: 1 to 255 characters (AWS::ECR::Repository Tag): no empty values on a repository. */
    ecrTagValue: {
        what: "a valid ECR tag value", minLength: 1, maxLength: 255, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
        allowed: '1 to 255 letters, digits, spaces or "_.:/=+-@" (a repository tag cannot be empty)',
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecr-repository-tag.html",
    },
    /** Cloud Map namespace name (HTTP): 1 to 1024 printable ASCII characters, not beginning with `arn:`. */
    httpNamespaceName: {
        what: "a valid Cloud Map namespace name", minLength: 1, maxLength: 1024, pattern: /^[!-~]+$/,
        allowed: '1 to 1024 printable characters without spaces', reservedPrefixes: ["arn:"],
        source: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateHttpNamespace.html",
    },
    /**
     * PutScheduledAction ScheduledActionName: 1 to 256 characters, no control characters, none of `:`, `/` or `|`,
     * and no leading or trailing space.
     */
    scheduledActionName: {
        what: "a valid scheduled action name", minLength: 1, maxLength: 256, pattern: /^(?! )[^\u0000-\u001f\u007f-\u009f:/|]*(?<! )$/,
        allowed: '1 to 256 characters without ":", "/", "|" or control characters, not beginning or ending with a space',
        source: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html",
    },
    /** PutScalingPolicy PolicyName: 1 to 256 printable characters. */
    scalingPolicyName: {
        what: "a valid scaling policy name", minLength: 1, maxLength: 256, pattern: /^\P{Cc}+$/u,
        allowed: "1 to 256 printable characters", source: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html",
    },
    /** A target group's health check path: 1 to 1024 characters, beginning with `/`. */
    healthCheckPath: {
        what: "a URL path", minLength: 1, maxLength: 1024, pattern: /^\/\S*$/,
        allowed: 'one starting with "/", without spaces, of at most 1024 characters, e.g. "/health"', source: TG_SOURCE,
    },
} as const satisfies Record<string, TextRule>;

/** The log retention periods CloudWatch Logs accepts, in days. 0 is Pulumi's "never expire" (no retention policy is set). */
export const LOG_RETENTION_DAYS: readonly number[] = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const RANGES = {
    /** CreateTargetGroup HealthCheckIntervalSeconds: 5–300. */
    healthCheckIntervalSeconds: { min: 5, max: 300, unit: " seconds", source: TG_SOURCE },
    /** CreateTargetGroup HealthCheckTimeoutSeconds: 2–120. */
    healthCheckTimeoutSeconds: { min: 2, max: 120, unit: " seconds", source: TG_SOURCE },
    /** CreateTargetGroup HealthyThresholdCount and UnhealthyThresholdCount: 2–10. */
    healthCheckThreshold: { min: 2, max: 10, source: TG_SOURCE },
    /** Target group attribute deregistration_delay.timeout_seconds: 0–3600. */
    deregistrationDelaySeconds: { min: 0, max: 3600, unit: " seconds", source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html" },
    /** CreateService healthCheckGracePeriodSeconds: "up to 2,147,483,647 seconds". */
    healthCheckGracePeriodSeconds: { min: 0, max: 2147483647, unit: " seconds", source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html" },
    /** DeploymentConfiguration minimumHealthyPercent: 0–100 for a rolling deployment. */
    minimumHealthyPercent: { min: 0, max: 100, unit: " percent", source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html" },
    /** DeploymentConfiguration maximumPercent: 100–200 for a rolling deployment of a replica service. */
    maximumPercent: { min: 100, max: 200, unit: " percent", source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html" },
    /** Tasks per service: 5000 (Service Quotas, "Tasks per service"). */
    tasksPerService: { min: 0, max: 5000, source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html" },
    /** CapacityProviderStrategyItem base: 0–100000. */
    capacityBase: { min: 0, max: 100000, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html" },
    /** CapacityProviderStrategyItem weight: 0–1000. */
    capacityWeight: { min: 0, max: 1000, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html" },
    /** A TCP port of a container or target group: 1–65535. */
    port: { min: 1, max: 65535, source: TG_SOURCE },
    /** PutRetentionPolicy retentionInDays: the listed values (0 = never expire, Pulumi's). */
    logRetentionDays: { min: 0, max: 3653, values: LOG_RETENTION_DAYS, source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html" },
    /** An HTTP code an ALB health check may expect: 200–499. */
    healthCheckHttpCode: { min: 200, max: 499, source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html" },
} as const satisfies Record<string, NumberRule>;

/** For each Fargate CPU value (units; 1024 = 1 vCPU), the memory sizes in MiB it accepts with it (Linux). */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
    256: [512, 1024, 2048],
    512: steps(1024, 4096, 1024),
    1024: steps(2048, 8192, 1024),
    2048: steps(4096, 16384, 1024),
    4096: steps(8192, 30720, 1024),
    8192: steps(16384, 61440, 4096),
    16384: steps(32768, 122880, 8192),
};

function steps(from: number, to: number, step: number): number[] {
    const values: number[] = [];
    for (let v = from; v <= to; v += step) {
        values.push(v);
    }
    return values;
}

/**
 * An ALB health check matcher: codes from 200 to 499, as "200", "200,202" or "200-299"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html).
 * Returns what is wrong, or undefined.
 */
export function matcherViolation(matcher: string): string | undefined {
    if (!/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(matcher)) {
        return 'is not a list of HTTP codes; use e.g. "200", "200-299" or "200,302"';
    }
    const { min, max } = RANGES.healthCheckHttpCode;
    for (const part of matcher.split(",")) {
        const [from, to = from] = part.split("-").map(Number);
        if (from < min || to > max || from > to) {
            return `has ${JSON.stringify(part)}, outside what an application load balancer accepts; use codes from ${min} to ${max}, a range low to high`;
        }
    }
    return undefined;
}

/** CreateTargetGroup: "the timeout must be smaller than the interval" (for HTTP health checks). */
export function timeoutBelowInterval(timeoutSeconds: number, intervalSeconds: number): boolean {
    return timeoutSeconds < intervalSeconds;
}

/** A KMS key ARN, as CloudWatch Logs and IAM policies need it (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN). */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
