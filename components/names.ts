/**
 * Physical names that fit AWS's limits for any component name, unique per stack, and stable between runs.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { RULES, textViolation } from "./awsRules";

/** AWS's longest load balancer and target group name. */
export const MAX_LOAD_BALANCER_NAME = 32;
/** AWS's longest IAM role name. */
export const MAX_ROLE_NAME = 64;
/** AWS's longest ECS service, cluster or task family name. */
export const MAX_ECS_NAME = 255;
/** Characters of the hash that keeps names of different stacks and components apart. */
const HASH_LENGTH = 7;

/** A short hash of the given parts. */
export function shortHash(parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, HASH_LENGTH);
}

/**
 * A name of at most `maxLength` characters made of letters, digits and hyphens: the base (from the component
 * name), then a hash of the project, stack, base and `seed`. The hash keeps two stacks in one account (dev
 * and prod), two components, and replacements (a changed `seed`) from colliding.
 */
export function physicalName(base: string, maxLength: number, seed: readonly string[] = []): string {
    const hash = shortHash([pulumi.getProject(), pulumi.getStack(), base, ...seed]);
    const cleaned = base.replace(/[^A-Za-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    const room = maxLength - HASH_LENGTH - 1;
    const head = cleaned.slice(0, room).replace(/-$/, "");
    return head.length > 0 ? `${head}-${hash}` : hash;
}

/** The prefix AWS reserves for internal load balancers' DNS names: no load balancer name may begin with it. */
export const RESERVED_LOAD_BALANCER_PREFIX = "internal-";

/**
 * A load balancer name (at most 32 letters, digits and hyphens) derived from `base`. A base that begins with
 * `internal-` (a component named `internal-api`) gets an `lb-` in front: CreateLoadBalancer rejects names that begin
 * with `internal-` (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html).
 */
export function loadBalancerName(base: string, seed: readonly string[] = []): string {
    const reserved = base.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+/, "").startsWith(RESERVED_LOAD_BALANCER_PREFIX)
        || /^-*internal-*$/i.test(base);
    return physicalName(reserved ? `lb-${base}` : base, MAX_LOAD_BALANCER_NAME, seed);
}

/** An ECR repository name (lowercase; `.`, `_` and `-` only between letters and digits) derived from `base`. */
export function repositoryNameFrom(base: string): string {
    const cleaned = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return physicalName(cleaned || "repository", 256).toLowerCase();
}

/**
 * What EC2 accepts in a security group's `GroupDescription` and in a security-group rule's `Description`: letters,
 * digits, space and `._-:/()#,@[]+=&;{}!$*`, at most 255 characters. Sources: the CloudFormation schema of
 * `AWS::EC2::SecurityGroup` (GroupDescription pattern), and the EC2 API Reference for `CreateSecurityGroup`
 * (GroupDescription) and `IpPermission`/`IpRange` (Description):
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
 */
export const EC2_DESCRIPTION = {
    pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/,
    maxLength: 255,
} as const;

const EC2_DESCRIPTION_DISALLOWED = /[^A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+/g;

/**
 * A security-group or rule description `before + <name> + after` that EC2 accepts for any component name: accents
 * are dropped (`café` → `cafe`), every other run of characters EC2 rejects becomes `-` (`web's` → `web-s`), and a
 * long name is cut so the whole stays within 255 characters. A name with nothing left is shown by its hash. A
 * name that is already safe comes out unchanged, so descriptions (which replace the group when changed) stay stable.
 */
export function ec2Description(before: string, name: string, after = ""): string {
    const room = EC2_DESCRIPTION.maxLength - before.length - after.length;
    const safe = name.normalize("NFKD").replace(/\p{M}+/gu, "").replace(EC2_DESCRIPTION_DISALLOWED, "-");
    const shown = /[A-Za-z0-9]/.test(safe) ? safe : shortHash([name]);
    return `${before}${shown.slice(0, Math.max(room, 0))}${after}`;
}

/**
 * Options that give a security group a name EC2 accepts. Pulumi names a group `<resource name>-<7 hex>`, and
 * CreateSecurityGroup rejects names that begin with `sg-` or hold characters outside its set
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html): a component named `sg` or
 * `sg-web` would fail. Those get a `namePrefix` that begins with `group-` and keeps only allowed characters; every
 * other group keeps Pulumi's name, so no existing group is replaced.
 */
export function securityGroupNaming(resourceName: string): { namePrefix?: string } {
    if (textViolation(RULES.securityGroupName, `${resourceName}-0000000`) === undefined) {
        return {};
    }
    const safe = resourceName.replace(/[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+/g, "-");
    // The provider appends a 26-character unique suffix to a prefix; names may have 255 characters.
    return { namePrefix: `group-${safe}-`.slice(0, RULES.securityGroupName.maxLength - 26) };
}

/**
 * The `namePrefix` of a service's log group, `/ecs/<component name>-`, with each character CloudWatch Logs does not
 * accept in a name (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)
 * replaced by `-`. Names of letters, digits and `._-/#` come out unchanged, so no existing group is replaced.
 */
export function logGroupNamePrefix(name: string): string {
    return `/ecs/${name.replace(/[^.\-_/#A-Za-z0-9]+/g, "-")}-`.slice(0, RULES.logGroupName.maxLength - 26);
}

/** Text with each character an IAM description does not accept replaced by `?` (CreateRole Description). */
export function iamDescription(text: string): string {
    return text.replace(/[^\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]/gu, "?").slice(0, RULES.iamRoleDescription.maxLength);
}

/**
 * Options that give an inline role policy a name IAM accepts. Pulumi names it `<resource name>-<7 hex>`, and
 * PutRolePolicy accepts only `[\w+=,.@-]`, 1 to 128 characters
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html): a component named `my app` would
 * fail. Those get a `namePrefix` of the allowed characters; every other policy keeps Pulumi's name, so nothing is
 * replaced.
 */
export function rolePolicyNaming(resourceName: string): { namePrefix?: string } {
    if (textViolation(RULES.iamPolicyName, `${resourceName}-0000000`) === undefined) {
        return {};
    }
    return { namePrefix: `${resourceName.replace(/[^\w+=,.@-]+/g, "-")}-`.slice(0, RULES.iamPolicyName.maxLength - 26) };
}

/**
 * Options that give a scheduled action a name Application Auto Scaling accepts. Pulumi names it
 * `<resource name>-<7 hex>`, and PutScheduledAction rejects `:`, `/` and `|`
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html): a component named
 * `team/api:v2` would fail. Those get a fixed `name` with each such character replaced by `-` and a hash; every
 * other action keeps Pulumi's name, so nothing is replaced.
 */
export function scheduledActionNaming(resourceName: string): { name?: string } {
    if (textViolation(RULES.scheduledActionName, `${resourceName}-0000000`) === undefined) {
        return {};
    }
    const safe = resourceName.replace(/[\u0000-\u001f\u007f-\u009f:/|]+/g, "-").trim();
    return { name: physicalName(safe, RULES.scheduledActionName.maxLength) };
}
