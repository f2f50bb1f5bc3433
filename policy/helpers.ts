/**
 * Shared helpers of the pack: one way to declare a policy with its anchors, to read values that may be unknown,
 * to match equivalent type tokens, to parse container definitions and IAM documents, to normalise the three
 * shapes of security-group rule, and to find the resources a property refers to.
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
    UnknownValueError,
} from "@pulumi/policy";

// ---------------------------------------------------------------------------------------------------------------
// Type tokens
// ---------------------------------------------------------------------------------------------------------------

/** The `aws:lb/*` and `aws:alb/*` tokens of one load-balancing class (they are separate classes with aliases). */
export function lbTokens(module: "loadBalancer" | "listener" | "listenerRule" | "targetGroup"): string[] {
    const cls = module.charAt(0).toUpperCase() + module.slice(1);
    return [`aws:lb/${module}:${cls}`, `aws:alb/${module}:${cls}`];
}

export const T = {
    ecrRepository: "aws:ecr/repository:Repository",
    ecrCreationTemplate: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
    ecrLifecyclePolicy: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    ecrRepositoryPolicy: "aws:ecr/repositoryPolicy:RepositoryPolicy",
    ecrRegistryPolicy: "aws:ecr/registryPolicy:RegistryPolicy",
    ecrRegistryScanning: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    service: "aws:ecs/service:Service",
    taskSet: "aws:ecs/taskSet:TaskSet",
    cluster: "aws:ecs/cluster:Cluster",
    loadBalancers: lbTokens("loadBalancer"),
    listeners: lbTokens("listener"),
    listenerRules: lbTokens("listenerRule"),
    targetGroups: lbTokens("targetGroup"),
    classicLoadBalancer: "aws:elb/loadBalancer:LoadBalancer",
    wafAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicy: "aws:iam/policy:Policy",
} as const;

/** Every token that carries security-group rules. */
export const SECURITY_GROUP_RULE_TYPES = [T.securityGroup, T.ingressRule, T.egressRule, T.securityGroupRule];

// ---------------------------------------------------------------------------------------------------------------
// Declaring policies
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Unknown values
// ---------------------------------------------------------------------------------------------------------------

/** Marks a value that is not known until the update (a preview of a resource not yet created). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Maybe<T> = T | typeof UNKNOWN | undefined;

/**
 * Reads a value that may be unknown during preview without aborting the policy: returns `UNKNOWN` instead of
 * throwing. Resource policies read directly (an unknown then skips the policy with the engine's advisory);
 * stack policies use this so that one unknown output does not switch off a relational check for the stack.
 */
export function known<T>(read: () => T): T | typeof UNKNOWN {
    try {
        return read();
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/** `known`, with unknown folded into undefined. */
export function knownOrUndefined<T>(read: () => T): T | undefined {
    const v = known(read);
    return v === UNKNOWN ? undefined : v;
}

/** Every string found in a value (deeply), skipping unknown parts. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") {
        out.push(value);
    } else if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
        for (const key of Object.keys(value as object)) {
            const v = known(() => (value as any)[key]);
            if (v !== UNKNOWN) {
                stringsIn(v, out);
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Relations between resources
// ---------------------------------------------------------------------------------------------------------------

/** The output keys by which a resource is referred to. */
const REFERENCE_KEYS = ["arn", "id", "name"];

function referenceValues(r: PolicyResource): string[] {
    const values: string[] = [];
    for (const key of REFERENCE_KEYS) {
        const v = known(() => r.props[key]);
        if (typeof v === "string" && v !== "") {
            values.push(v);
        }
    }
    return values;
}

/**
 * The resources among `candidates` that `resource.props[property]` refers to: through `propertyDependencies`
 * first, and by value (an `arn`, `id` or `name` output of the candidate appearing in the property), which is
 * how partners are found when the dependencies were not recorded.
 */
export function referencedBy(resource: PolicyResource, property: string, candidates: PolicyResource[]): PolicyResource[] {
    const found = new Set<PolicyResource>();
    const deps = resource.propertyDependencies?.[property] ?? [];
    for (const c of candidates) {
        if (deps.some((d) => d.urn === c.urn)) {
            found.add(c);
        }
    }
    const v = known(() => resource.props[property]);
    if (v !== UNKNOWN && v !== undefined) {
        const strings = new Set(stringsIn(v));
        for (const c of candidates) {
            if (!found.has(c) && referenceValues(c).some((x) => strings.has(x))) {
                found.add(c);
            }
        }
    }
    return [...found];
}

/** The resources of `types` whose `property` refers to `target`. */
export function referrersOf(target: PolicyResource, types: readonly string[], property: string, all: PolicyResource[]): PolicyResource[] {
    return all.filter((r) => types.includes(r.type) && referencedBy(r, property, [target]).length > 0);
}

export function ofTypes(resources: PolicyResource[], types: readonly string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}

// ---------------------------------------------------------------------------------------------------------------
// Container definitions
// ---------------------------------------------------------------------------------------------------------------

/** The parts of an ECS container definition the policies read. */
export interface ContainerDefinition {
    name?: string;
    image?: string;
    essential?: boolean;
    privileged?: boolean;
    readonlyRootFilesystem?: boolean;
    user?: string;
    environment?: { name?: string; value?: string }[];
    secrets?: { name?: string; valueFrom?: string }[];
    logConfiguration?: { logDriver?: string; options?: Record<string, string> };
    linuxParameters?: { capabilities?: { add?: string[]; drop?: string[] } };
    healthCheck?: { command?: string[] };
    memory?: number;
    memoryReservation?: number;
}

/**
 * Parses `containerDefinitions` (a JSON string in `@pulumi/aws`, an array when recorded already parsed).
 * Returns undefined when it is absent or not a list of objects; the policies then skip instead of guessing.
 */
export function parseContainerDefinitions(value: unknown): ContainerDefinition[] | undefined {
    let parsed: unknown = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (!Array.isArray(parsed)) {
        return undefined;
    }
    return parsed.filter((c): c is ContainerDefinition => typeof c === "object" && c !== null && !Array.isArray(c));
}

/** The container definitions of a task definition's props; reading an unknown value throws for the engine. */
export function containersOf(props: Record<string, any>): ContainerDefinition[] {
    return parseContainerDefinitions(props.containerDefinitions) ?? [];
}

/** How a message names a container. */
export function containerLabel(c: ContainerDefinition, index: number): string {
    return typeof c.name === "string" ? `container "${c.name}"` : `container #${index}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Security-group rules
// ---------------------------------------------------------------------------------------------------------------

export const PUBLIC_CIDRS = ["0.0.0.0/0", "::/0"];

/** One security-group rule, whatever shape declared it. */
export interface SgRule {
    direction: "ingress" | "egress";
    /** `all`, `tcp`, `udp`, `icmp`, `icmpv6` or the protocol number as given. */
    protocol: string;
    fromPort: number;
    toPort: number;
    cidrs: string[];
    sourceSecurityGroups: string[];
    self: boolean;
    prefixLists: string[];
    description?: string;
    /** How a message names the rule. */
    label: string;
}

export function normaliseProtocol(p: unknown): string {
    const s = String(p ?? "all").toLowerCase();
    switch (s) {
        case "-1": case "all": return "all";
        case "6": return "tcp";
        case "17": return "udp";
        case "1": return "icmp";
        case "58": return "icmpv6";
        default: return s;
    }
}

function ports(protocol: string, from: unknown, to: unknown): [number, number] {
    if (protocol === "all") {
        return [0, 65535];
    }
    const f = typeof from === "number" && from >= 0 ? from : 0;
    const t = typeof to === "number" && to >= 0 ? to : 65535;
    return [f, t];
}

function asStrings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
}

/** The rules declared by one resource: inline `ingress`/`egress` blocks, or one rule resource of either kind. */
export function securityGroupRules(type: string, props: Record<string, any>): SgRule[] {
    const rules: SgRule[] = [];
    if (type === T.securityGroup) {
        for (const direction of ["ingress", "egress"] as const) {
            const blocks: any[] = Array.isArray(props[direction]) ? props[direction] : [];
            blocks.forEach((b, i) => {
                const protocol = normaliseProtocol(b.protocol);
                const [fromPort, toPort] = ports(protocol, b.fromPort, b.toPort);
                rules.push({
                    direction, protocol, fromPort, toPort,
                    cidrs: [...asStrings(b.cidrBlocks), ...asStrings(b.ipv6CidrBlocks)],
                    sourceSecurityGroups: asStrings(b.securityGroups),
                    self: b.self === true,
                    prefixLists: asStrings(b.prefixListIds),
                    description: b.description,
                    label: `${direction}[${i}]`,
                });
            });
        }
    } else if (type === T.ingressRule || type === T.egressRule) {
        const protocol = normaliseProtocol(props.ipProtocol);
        const [fromPort, toPort] = ports(protocol, props.fromPort, props.toPort);
        rules.push({
            direction: type === T.ingressRule ? "ingress" : "egress", protocol, fromPort, toPort,
            cidrs: [...asStrings(props.cidrIpv4), ...asStrings(props.cidrIpv6)],
            sourceSecurityGroups: asStrings(props.referencedSecurityGroupId),
            self: false,
            prefixLists: asStrings(props.prefixListId),
            description: props.description,
            label: "rule",
        });
    } else if (type === T.securityGroupRule) {
        const protocol = normaliseProtocol(props.protocol);
        const [fromPort, toPort] = ports(protocol, props.fromPort, props.toPort);
        rules.push({
            direction: props.type === "egress" ? "egress" : "ingress", protocol, fromPort, toPort,
            cidrs: [...asStrings(props.cidrBlocks), ...asStrings(props.ipv6CidrBlocks)],
            sourceSecurityGroups: asStrings(props.sourceSecurityGroupId),
            self: props.self === true,
            prefixLists: asStrings(props.prefixListIds),
            description: props.description,
            label: "rule",
        });
    }
    return rules;
}

export function describePorts(r: SgRule): string {
    if (r.protocol === "all") {
        return "all protocols and ports";
    }
    return r.fromPort === r.toPort ? `${r.protocol} port ${r.fromPort}` : `${r.protocol} ports ${r.fromPort}-${r.toPort}`;
}

// ---------------------------------------------------------------------------------------------------------------
// IAM documents
// ---------------------------------------------------------------------------------------------------------------

export interface Statement {
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    principal: unknown;
    hasCondition: boolean;
}

/** Parses an IAM policy document (JSON string or object); undefined when it is not one. */
export function parsePolicyDocument(value: unknown): Statement[] | undefined {
    let doc: any = value;
    if (typeof value === "string") {
        try {
            doc = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (typeof doc !== "object" || doc === null) {
        return undefined;
    }
    const raw = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return raw.filter((s: unknown) => typeof s === "object" && s !== null).map((s: any) => ({
        effect: String(s.Effect ?? ""),
        actions: asStrings(s.Action),
        notActions: asStrings(s.NotAction),
        resources: asStrings(s.Resource),
        principal: s.Principal,
        hasCondition: typeof s.Condition === "object" && s.Condition !== null && Object.keys(s.Condition).length > 0,
    }));
}

/** True when a principal admits anyone (`*` or `{"AWS": "*"}`). */
export function principalIsPublic(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (typeof principal === "object" && principal !== null) {
        return Object.values(principal).some((v) => asStrings(v).includes("*"));
    }
    return false;
}

/** The service principals of a statement. */
export function servicePrincipals(principal: unknown): string[] {
    if (typeof principal === "object" && principal !== null) {
        return asStrings((principal as any).Service);
    }
    return [];
}

/** An Allow statement granting every action, or every action of a service, on every resource. */
export function wildcardGrant(s: Statement): string | undefined {
    if (s.effect !== "Allow") {
        return undefined;
    }
    if (s.notActions.length > 0) {
        return `Allow with NotAction ${JSON.stringify(s.notActions)}`;
    }
    if (!s.resources.includes("*")) {
        return undefined;
    }
    const wild = s.actions.find((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
    return wild ? `Allow "${wild}" on "*"` : undefined;
}

/**
 * The props of a stack resource without the unknown-checking proxy: unknown values read as their wire placeholder
 * strings instead of throwing. For relational checks that must not stop at the first value not known yet.
 */
export function rawProps(r: { props: Record<string, any> }): Record<string, any> {
    const target = r.props["__getSpecialProxyTarget"];
    return typeof target === "object" && target !== null ? target : r.props;
}
