/**
 * One way to declare a policy of the pack: its metadata (severity, framework with the Security Hub control, tags
 * naming every anchor, remediation steps, URL), its config schema with defaults, and the types it applies to.
 */
import {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** Where a rule comes from: the public rule sets that have an equivalent. */
export interface Anchors {
    /** AWS Security Hub (FSBP) control id, e.g. `ECR.2`. */
    securityHub?: string[];
    checkov?: string[];
    cdkNag?: string[];
    trivy?: string[];
    awsguard?: string[];
    controlTower?: string[];
    kics?: string[];
    /** A page documenting the setting, used when there is no Security Hub page. */
    docs?: string;
}

interface CommonSpec {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    anchors: Anchors;
    remediationSteps: string;
    tags: string[];
    configSchema?: PolicyConfigSchema;
}

export interface ResourceSpec<C> extends CommonSpec {
    /** The type tokens the policy checks; every other resource is reported not applicable. */
    types: readonly string[];
    validate: (props: Record<string, any>, report: (message: string) => void, config: C, args: ResourceValidationArgs) => void;
}

export interface StackSpec<C> extends CommonSpec {
    validate: (resources: PolicyResource[], report: (message: string, urn: string) => void, config: C, args: StackValidationArgs) => void;
}

const SH_PAGES: Record<string, string> = {
    ECR: "ecr", ECS: "ecs", ELB: "elb", EC2: "ec2", IAM: "iam", CloudWatch: "cloudwatch",
};

function securityHubUrl(control: string): string {
    const [service, num] = control.split(".");
    return `https://docs.aws.amazon.com/securityhub/latest/userguide/${SH_PAGES[service] ?? service.toLowerCase()}-controls.html#${service.toLowerCase()}-${num}`;
}

function metadata(spec: CommonSpec) {
    const a = spec.anchors;
    const sh = a.securityHub?.[0];
    const framework = sh
        ? { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: a.securityHub!.join(", "), specification: spec.description }
        : a.controlTower?.length
            ? { name: "AWS Control Tower proactive controls", version: "2024", reference: a.controlTower.join(", "), specification: spec.description }
            : { name: "ecs-fargate baseline", version: "1", reference: spec.name, specification: spec.description };
    const anchorTags = [
        ...(a.securityHub ?? []).map((x) => `security-hub:${x}`),
        ...(a.checkov ?? []).map((x) => `checkov:${x}`),
        ...(a.cdkNag ?? []).map((x) => `cdk-nag:${x}`),
        ...(a.trivy ?? []).map((x) => `trivy:${x}`),
        ...(a.awsguard ?? []).map((x) => `awsguard:${x}`),
        ...(a.controlTower ?? []).map((x) => `control-tower:${x}`),
        ...(a.kics ?? []).map((x) => `kics:${x}`),
    ];
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        framework,
        tags: [...spec.tags, ...anchorTags],
        remediationSteps: spec.remediationSteps,
        url: sh ? securityHubUrl(sh) : a.docs,
        ...(spec.configSchema ? { configSchema: spec.configSchema } : {}),
    };
}

/** The defaults declared in a config schema, overlaid with what the engine passed (the CLI fills defaults too). */
export function configWithDefaults<C>(schema: PolicyConfigSchema | undefined, given: object): C {
    const defaults: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
        if (typeof prop === "object" && prop !== null && "default" in prop) {
            defaults[key] = (prop as { default: unknown }).default;
        }
    }
    return { ...defaults, ...given } as C;
}

/** A resource policy over `spec.types`; other resources are reported not applicable. */
export function resourcePolicy<C = Record<string, never>>(spec: ResourceSpec<C>): ResourceValidationPolicy {
    return {
        ...metadata(spec),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!spec.types.includes(args.type)) {
                args.notApplicable(`Policy only applies to resources of type ${spec.types.map((t) => `'${t}'`).join(", ")}`);
            }
            const config = configWithDefaults<C>(spec.configSchema, args.getConfig());
            spec.validate(args.props, (message) => reportViolation(message), config, args);
        },
    };
}

/** A stack policy: it sees every resource with its property dependencies. */
export function stackPolicy<C = Record<string, never>>(spec: StackSpec<C>): StackValidationPolicy {
    return {
        ...metadata(spec),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = configWithDefaults<C>(spec.configSchema, args.getConfig());
            spec.validate(args.resources, (message, urn) => reportViolation(message, urn), config, args);
        },
    };
}
