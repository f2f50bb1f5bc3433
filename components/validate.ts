/**
 * Small pure checks shared by the components' validators. Each returns an error message naming the argument,
 * quoting the value and saying what is allowed, or undefined when the value is fine. Values not yet known
 * (outputs of other resources) are never judged.
 */
import * as pulumi from "@pulumi/pulumi";
import { KMS_KEY_ARN, NumberRule, RANGES, RULES, satisfiesNumber, TextRule, textViolation } from "./awsRules";

/** The argument a problem message names first (its first `backticked` word), for per-property error details. */
export function propertyPathOf(problem: string): string {
    return /`([^`]+)`/.exec(problem)?.[1] ?? "";
}

/**
 * The error a component throws, before creating anything, when its arguments are invalid. It is Pulumi's
 * `InputPropertiesError`, so through the provider (Python, Go) each problem reaches the engine with its property path.
 */
export class InvalidArgumentsError extends pulumi.InputPropertiesError {
    constructor(readonly component: string, readonly resourceName: string, readonly problems: readonly string[]) {
        super({
            message: `Invalid arguments for ${component} "${resourceName}":\n${problems.map((p) => `  - ${p}`).join("\n")}`,
            errors: problems.map((reason) => ({ propertyPath: propertyPathOf(reason), reason })),
        });
        this.name = "InvalidArgumentsError";
    }
}

/** Throws `InvalidArgumentsError` when any check found a problem. */
export function throwIfInvalid(component: string, resourceName: string, problems: (string | undefined)[]): void {
    const found = problems.filter((p): p is string => p !== undefined);
    if (found.length > 0) {
        throw new InvalidArgumentsError(component, resourceName, found);
    }
}

/** The value when it is already known at construction time (not an Output or a Promise), else undefined. */
export function known<T>(value: pulumi.Input<T> | undefined): T | undefined {
    if (value === undefined || pulumi.Output.isInstance(value) || value instanceof Promise) {
        return undefined;
    }
    return value as T;
}

/** A value as it appears in a message: strings quoted, the rest as JSON. */
export function quote(value: unknown): string {
    return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

/** An integer within [min, max]. */
export function checkInteger(arg: string, value: unknown, min: number, max: number, unit = ""): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        return `\`${arg}\` ${quote(value)} is not valid; use a whole number from ${min} to ${max}${unit}.`;
    }
    return undefined;
}

/** One of a fixed set of strings. */
export function checkOneOf(arg: string, value: unknown, allowed: readonly string[]): string | undefined {
    if (value === undefined || allowed.includes(value as string)) {
        return undefined;
    }
    return `\`${arg}\` ${quote(value)} is not valid; use one of ${allowed.map((a) => `"${a}"`).join(", ")}.`;
}

/** A TCP port. */
export function checkPort(arg: string, value: unknown): string | undefined {
    return checkNumber(arg, value, RANGES.port);
}

/** A string under one of AWS's text rules (awsRules.ts): `arg` "value" is not …; use …. */
export function checkText(arg: string, value: unknown, rule: TextRule): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    const violation = typeof value === "string" ? textViolation(rule, value) : `is not ${rule.what}; use ${rule.allowed}`;
    return violation === undefined ? undefined : `\`${arg}\` ${quote(value)} ${violation}.`;
}

/** A whole number under one of AWS's ranges (awsRules.ts). */
export function checkNumber(arg: string, value: unknown, rule: NumberRule): string | undefined {
    if (rule.values === undefined) {
        return checkInteger(arg, value, rule.min, rule.max, rule.unit);
    }
    if (value === undefined || (typeof value === "number" && satisfiesNumber(rule, value))) {
        return undefined;
    }
    return `\`${arg}\` ${quote(value)} is not valid; use one of ${rule.values.join(", ")}${rule.unit ?? ""}.`;
}

/** Most tags AWS allows on one resource (user tags; https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html). */
export const MAX_TAGS = 50;

/** A tag map: at most 50 tags, each key and value under AWS's tag rules (or the stricter ones of a resource type, e.g. ECR's). */
export function checkTags(arg: string, tags: unknown, keyRule: TextRule = RULES.tagKey, valueRule: TextRule = RULES.tagValue): (string | undefined)[] {
    const map = known(tags as pulumi.Input<Record<string, pulumi.Input<string>>> | undefined);
    if (map === undefined || map === null || typeof map !== "object") {
        return [];
    }
    const entries = Object.entries(map);
    const problems: (string | undefined)[] = entries.length > MAX_TAGS ? [`\`${arg}\` has ${entries.length} tags; AWS allows at most ${MAX_TAGS} per resource.`] : [];
    for (const [key, value] of entries) {
        const keyViolation = textViolation(keyRule, key);
        problems.push(keyViolation === undefined ? undefined : `\`${arg}\` key ${quote(key)} ${keyViolation}.`);
        problems.push(checkText(`${arg}.${key}`, known(value), valueRule));
    }
    return problems;
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;

/** True for an IPv6 CIDR block. */
export function isIpv6Cidr(cidr: string): boolean {
    return IPV6_CIDR.test(cidr);
}

/** An IPv4 or IPv6 CIDR block such as "10.0.0.0/16" or "::/0". */
export function checkCidr(arg: string, value: unknown): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "string" || !(IPV4_CIDR.test(value) || IPV6_CIDR.test(value))) {
        return `\`${arg}\` ${quote(value)} is not a CIDR block; use an address range such as "10.0.0.0/16" or "::/0".`;
    }
    return undefined;
}

/** A twelve-digit AWS account ID. */
export function checkAccountId(arg: string, value: unknown): string | undefined {
    if (value === undefined || (typeof value === "string" && /^\d{12}$/.test(value))) {
        return undefined;
    }
    return `\`${arg}\` ${quote(value)} is not an AWS account ID; use the account's 12 digits, e.g. "123456789012".`;
}

/** An ARN of the given service (any partition). */
export function checkArn(arg: string, value: unknown, services: readonly string[], example: string): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    const parts = typeof value === "string" ? value.split(":") : [];
    if (parts.length < 6 || parts[0] !== "arn" || !/^aws[a-z-]*$/.test(parts[1]) || !services.includes(parts[2])) {
        return `\`${arg}\` ${quote(value)} is not an ARN of ${services.join(" or ")}; use one such as "${example}".`;
    }
    return undefined;
}

/** A non-empty list. */
export function checkNonEmpty(arg: string, value: unknown, what: string): string | undefined {
    if (Array.isArray(value) && value.length === 0) {
        return `\`${arg}\` is empty; give at least one ${what}.`;
    }
    return undefined;
}


/**
 * The ARN of a KMS key itself, not an alias: an IAM policy grants KMS actions on key ARNs, and an alias ARN in its
 * `Resource` matches no key (https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html).
 */
export function checkKmsKeyArn(arg: string, value: unknown): string | undefined {
    if (value === undefined || (typeof value === "string" && KMS_KEY_ARN.test(value))) {
        return undefined;
    }
    return `\`${arg}\` ${quote(value)} is not the ARN of a KMS key; use the key's ARN (not an alias), e.g. "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".`;
}
