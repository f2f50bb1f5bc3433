/**
 * Shared helpers of the pack: equivalent type tokens, reading values that may be unknown during preview, and
 * finding the resources a property refers to (through property dependencies, or by value).
 */
import { PolicyResource, UnknownValueError } from "@pulumi/policy";

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
// Unknown values
// ---------------------------------------------------------------------------------------------------------------

/** Marks a value that is not known until the update (a preview of a resource not yet created). */
export const UNKNOWN: unique symbol = Symbol("unknown");

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

/**
 * The props of a stack resource without the unknown-checking proxy: unknown values read as their wire placeholder
 * strings instead of throwing. For relational checks that must not stop at the first value not known yet.
 */
export function rawProps(r: { props: Record<string, any> }): Record<string, any> {
    const target = r.props["__getSpecialProxyTarget"];
    return typeof target === "object" && target !== null ? target : r.props;
}
