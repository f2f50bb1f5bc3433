/** IAM policies for the roles around ECS: who may assume them, what they grant, and how their policies are managed. */
import { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "./define";
import { known, ofTypes, rawProps, referencedBy, T, UNKNOWN } from "./helpers";
import { parsePolicyDocument, principalIsPublic, servicePrincipals, wildcardGrant } from "./parse";

const ECS_TASKS_PRINCIPAL = "ecs-tasks.amazonaws.com";

/** The string entries of an array output, skipping unknowns. */
function knownStrings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function attachmentsOf(role: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
    return ofTypes(resources, [T.rolePolicyAttachment]).filter((a) => referencedBy(a, "role", [role]).length > 0);
}

function rolePoliciesOf(role: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
    return ofTypes(resources, [T.rolePolicy]).filter((p) => referencedBy(p, "role", [role]).length > 0);
}

export const iamRoleNoPolicyManagementConflicts = stackPolicy({
    name: "iam-role-no-policy-management-conflicts",
    description: "Checks that no IAM role manages policies both on the role (`managedPolicyArns`, `inlinePolicies`) and through separate attachment or role-policy resources (each would keep removing the other's).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["iam", "pulumi"],
    anchors: { docs: "https://www.pulumi.com/registry/packages/aws/api-docs/iam/role/", awsguard: ["iam-role-no-policy-management-conflicts"] },
    remediationSteps: "Attach policies either through the role's own properties or through `aws.iam.RolePolicyAttachment` / `aws.iam.RolePolicy` resources, not both.",
    validate: (resources, report) => {
        for (const role of ofTypes(resources, [T.role])) {
            const p = rawProps(role);
            const attachments = attachmentsOf(role, resources);
            if (attachments.length > 0) {
                const attached = new Set(attachments.flatMap((a) => knownStrings([rawProps(a).policyArn])));
                // Outputs read back from AWS list attached policies too: only ARNs no attachment declares conflict.
                const own = knownStrings(p.managedPolicyArns).filter((arn) => !attached.has(arn));
                if (own.length > 0) {
                    report(`The role sets \`managedPolicyArns\` ${JSON.stringify(own)} and is also managed by ${attachments.length} RolePolicyAttachment(s); use one style.`, role.urn);
                }
            }
            const rolePolicies = rolePoliciesOf(role, resources);
            if (rolePolicies.length > 0) {
                const declared = new Set(rolePolicies.flatMap((r) => knownStrings([rawProps(r).name])));
                const inline: any[] = Array.isArray(p.inlinePolicies) ? p.inlinePolicies : [];
                const own = inline.filter((ip) => ip && ip.policy && !declared.has(ip.name)).map((ip) => ip.name ?? "(unnamed)");
                if (own.length > 0) {
                    report(`The role sets \`inlinePolicies\` ${JSON.stringify(own)} and is also managed by ${rolePolicies.length} RolePolicy resource(s); use one style.`, role.urn);
                }
            }
        }
    },
});

export interface LeastPrivilegeConfig {
    deniedManagedPolicyNames: string[];
    allowedAwsManagedPolicyArns: string[];
}

/** The policy name of a managed-policy ARN (`arn:aws:iam::aws:policy/service-role/Name` → `Name`). */
function policyName(arn: string): string {
    return arn.split("/").pop() ?? arn;
}

function isAwsManaged(arn: string): boolean {
    return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

export const ecsRolesLeastPrivilege = stackPolicy<LeastPrivilegeConfig>({
    name: "ecs-roles-least-privilege",
    description: "Checks that roles used by task definitions (task and execution roles) and services carry no administrator-level managed policies, no AWS managed policy outside an allow-list, and no statement allowing `*` or `service:*` on `*`.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["iam", "ecs", "least-privilege"],
    anchors: {
        securityHub: ["IAM.1", "IAM.21"], checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_274", "CKV2_AWS_40"],
        cdkNag: ["AwsSolutions-IAM4", "AwsSolutions-IAM5"], trivy: ["AVD-AWS-0057"], kics: ["3206240f"],
    },
    remediationSteps: "Grant the task role only the actions and resources the application uses (an `aws.iam.RolePolicy` naming ARNs), and give the execution role only AmazonECSTaskExecutionRolePolicy or an equivalent inline policy.",
    configSchema: {
        properties: {
            deniedManagedPolicyNames: {
                type: "array", items: { type: "string" }, default: ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"],
                description: "Managed policies never attached to an ECS role.",
            },
            allowedAwsManagedPolicyArns: {
                type: "array", items: { type: "string" },
                default: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
                description: "AWS managed policies that may be attached to an ECS role.",
            },
        },
    },
    validate: (resources, report, config) => {
        const roles = ofTypes(resources, [T.role]);
        const used = new Map<string, PolicyResource>();
        for (const td of ofTypes(resources, [T.taskDefinition])) {
            for (const prop of ["taskRoleArn", "executionRoleArn"]) {
                referencedBy(td, prop, roles).forEach((r) => used.set(r.urn, r));
            }
        }
        for (const svc of ofTypes(resources, [T.service])) {
            referencedBy(svc, "iamRole", roles).forEach((r) => used.set(r.urn, r));
        }
        const customerPolicies = ofTypes(resources, [T.iamPolicy]);
        for (const role of used.values()) {
            const attachments = attachmentsOf(role, resources);
            const arns = new Set([...knownStrings(rawProps(role).managedPolicyArns), ...attachments.flatMap((a) => knownStrings([rawProps(a).policyArn]))]);
            for (const arn of arns) {
                if (config.deniedManagedPolicyNames.includes(policyName(arn))) {
                    report(`Role ${role.name} has ${policyName(arn)} attached; replace it with a policy granting only what the task needs.`, role.urn);
                } else if (isAwsManaged(arn) && !config.allowedAwsManagedPolicyArns.includes(arn)) {
                    report(`Role ${role.name} has the AWS managed policy ${policyName(arn)} attached; grant the needed actions in an inline policy instead.`, role.urn);
                }
            }
            const documents: { where: string; doc: unknown }[] = [];
            const inline = known(() => role.props.inlinePolicies);
            for (const ip of Array.isArray(inline) ? inline : []) {
                const name = known(() => ip.name);
                documents.push({ where: typeof name === "string" ? `inline policy ${name}` : "inline policy", doc: known(() => ip.policy) });
            }
            for (const rp of rolePoliciesOf(role, resources)) {
                documents.push({ where: `RolePolicy ${rp.name}`, doc: known(() => rp.props.policy) });
            }
            for (const a of attachments) {
                for (const cp of referencedBy(a, "policyArn", customerPolicies)) {
                    documents.push({ where: `policy ${cp.name}`, doc: known(() => cp.props.policy) });
                }
            }
            for (const { where, doc } of documents) {
                if (doc === UNKNOWN) {
                    continue;
                }
                for (const s of parsePolicyDocument(doc) ?? []) {
                    const grant = wildcardGrant(s);
                    if (grant) {
                        report(`Role ${role.name}'s ${where} has ${grant}; name the actions and resource ARNs the task needs.`, role.urn);
                    }
                }
            }
        }
    },
});

export interface TrustPolicyConfig {
    requireSourceCondition: boolean;
}

export const ecsRolesTrustPolicy = resourcePolicy<TrustPolicyConfig>({
    name: "ecs-roles-trust-policy",
    description: "Checks that roles assumable by ECS tasks trust only `ecs-tasks.amazonaws.com` (no `*`, no other principals) with an `aws:SourceAccount` or `aws:SourceArn` condition, and that no role trusts `*` unconditionally.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["iam", "ecs"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html", checkov: ["CKV_AWS_60", "CKV_AWS_61"] },
    remediationSteps: "Use a trust policy with `Principal: { Service: \"ecs-tasks.amazonaws.com\" }` and `Condition: { StringEquals: { \"aws:SourceAccount\": <account id> } }`.",
    configSchema: {
        properties: {
            requireSourceCondition: { type: "boolean", default: true, description: "Require an aws:SourceAccount or aws:SourceArn condition (confused-deputy protection)." },
        },
    },
    types: [T.role],
    validate: (props, report, config) => {
        const doc = props.assumeRolePolicy;
        const statements = parsePolicyDocument(doc) ?? [];
        const allows = statements.filter((s) => s.effect === "Allow");
        allows.forEach((s, i) => {
            if (principalIsPublic(s.principal) && !s.hasCondition) {
                report(`Trust statement ${i} lets any principal assume the role; set \`Principal: { Service: "${ECS_TASKS_PRINCIPAL}" }\`.`);
            }
        });
        const ecsStatements = allows.filter((s) => servicePrincipals(s.principal).includes(ECS_TASKS_PRINCIPAL));
        if (ecsStatements.length === 0) {
            return;
        }
        for (const s of ecsStatements) {
            const p = s.principal as Record<string, unknown>;
            const others = [...servicePrincipals(p).filter((x) => x !== ECS_TASKS_PRINCIPAL), ...Object.keys(p).filter((k) => k !== "Service")];
            if (others.length > 0) {
                report(`The ECS task trust statement also trusts ${JSON.stringify(others)}; trust only "${ECS_TASKS_PRINCIPAL}".`);
            }
        }
        if (config.requireSourceCondition) {
            const raw = typeof doc === "string" ? doc : JSON.stringify(doc);
            if (!/aws:Source(Account|Arn)/i.test(raw)) {
                report("The ECS task trust policy has no `aws:SourceAccount`/`aws:SourceArn` condition; add `Condition: { StringEquals: { \"aws:SourceAccount\": <account id> } }`.");
            }
        }
    },
});

const ECS_PRINCIPAL = "ecs.amazonaws.com";

/**
 * The role ECS assumes for a blue/green, canary or linear deployment (`loadBalancers[].advancedConfiguration.roleArn`)
 * moves production traffic, so it is held to its job: trusted by `ecs.amazonaws.com` only, and allowed no
 * load-balancing change (anything but `Describe*`) on `*`. Source: ECS developer guide, "Amazon ECS infrastructure IAM
 * role for load balancers".
 */
export const ecsInfrastructureRoleScoped = stackPolicy({
    name: "ecs-infrastructure-role-scoped",
    description: "Checks that the infrastructure role of an ECS service's traffic-shifting deployment (`loadBalancers[].advancedConfiguration.roleArn`) is trusted by `ecs.amazonaws.com` only and grants no load-balancing change other than `Describe*` on `*`.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["iam", "ecs", "least-privilege"],
    anchors: { cdkNag: ["AwsSolutions-IAM5"], docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html" },
    remediationSteps: "Trust only `ecs.amazonaws.com`, keep `elasticloadbalancing:Describe*` on `*`, and scope `ModifyRule`, `ModifyListener`, `RegisterTargets` and `DeregisterTargets` to the service's listener rules and target groups.",
    validate: (resources, report) => {
        const roles = ofTypes(resources, [T.role]);
        for (const svc of ofTypes(resources, [T.service])) {
            const shifting = known(() => Array.isArray(svc.props.loadBalancers) && svc.props.loadBalancers.some((lb: any) => lb?.advancedConfiguration !== undefined));
            if (shifting !== true) {
                continue;
            }
            for (const role of referencedBy(svc, "loadBalancers", roles)) {
                const trust = parsePolicyDocument(known(() => role.props.assumeRolePolicy)) ?? [];
                const others = trust.filter((s) => s.effect === "Allow").flatMap((s) => principalIsPublic(s.principal) ? ["*"] : servicePrincipals(s.principal)).filter((p) => p !== ECS_PRINCIPAL);
                if (others.length > 0) {
                    report(`Role ${role.name} moves ${svc.name}'s traffic but also trusts ${[...new Set(others)].join(", ")}; trust only ${ECS_PRINCIPAL}.`, role.urn);
                }
                for (const rp of rolePoliciesOf(role, resources)) {
                    for (const s of parsePolicyDocument(known(() => rp.props.policy)) ?? []) {
                        const changes = s.actions.filter((a) => /^elasticloadbalancing:/i.test(a) && !/^elasticloadbalancing:Describe/i.test(a));
                        if (s.effect === "Allow" && s.resources.includes("*") && changes.length > 0) {
                            report(`Role ${role.name}'s RolePolicy ${rp.name} allows ${changes.join(", ")} on "*"; scope them to ${svc.name}'s listener rules and target groups.`, role.urn);
                        }
                    }
                }
            }
        }
    },
});
