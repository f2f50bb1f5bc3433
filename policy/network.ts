/** Security-group policies, over the three shapes of rule: inline blocks, `aws:vpc/*Rule` and `aws:ec2/securityGroupRule`. */
import { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "./define";
import { known, ofTypes, rawProps, referencedBy, SECURITY_GROUP_RULE_TYPES, T, UNKNOWN } from "./helpers";
import { containersOf, describePorts, PUBLIC_CIDRS, securityGroupRules, SgRule } from "./parse";

const SEPARATE_RULE_TYPES = [T.ingressRule, T.egressRule, T.securityGroupRule];

/** Security Hub EC2.19's high-risk ports. */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

/** One rule and where it was declared, with the URNs its source property depends on. */
export interface AttachedRule {
    rule: SgRule;
    owner: PolicyResource;
    sourceUrns: string[];
}

/**
 * Every rule that applies to a security group in the stack: its inline blocks and the separate rule resources whose
 * `securityGroupId` refers to it. Values not known yet are read as their wire placeholders (never public CIDRs).
 */
export function rulesOfSecurityGroup(sg: PolicyResource, resources: PolicyResource[]): AttachedRule[] {
    const out: AttachedRule[] = [];
    const urnsOf = (r: PolicyResource, prop: string) => (r.propertyDependencies?.[prop] ?? []).map((d) => d.urn);
    for (const rule of securityGroupRules(sg.type, rawProps(sg))) {
        out.push({ rule, owner: sg, sourceUrns: urnsOf(sg, rule.direction) });
    }
    for (const r of ofTypes(resources, SEPARATE_RULE_TYPES)) {
        if (referencedBy(r, "securityGroupId", [sg]).length === 0) {
            continue;
        }
        for (const rule of securityGroupRules(r.type, rawProps(r))) {
            out.push({ rule, owner: r, sourceUrns: [...urnsOf(r, "referencedSecurityGroupId"), ...urnsOf(r, "sourceSecurityGroupId")] });
        }
    }
    return out;
}

export interface PublicIngressConfig {
    authorizedTcpPorts: number[];
    highRiskPorts: number[];
}

function portsIn(from: number, to: number, list: number[]): number[] {
    return list.filter((p) => p >= from && p <= to);
}

export const sgNoPublicIngressExceptAuthorizedPorts = resourcePolicy<PublicIngressConfig>({
    name: "sg-no-public-ingress-except-authorized-ports",
    description: "Checks that security-group ingress from 0.0.0.0/0 or ::/0 is only on authorized TCP ports (default 80 and 443) and never on a high-risk port, in all three rule shapes.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["network", "security-group"],
    anchors: {
        securityHub: ["EC2.18", "EC2.19"], checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
        cdkNag: ["AwsSolutions-EC23"], trivy: ["AVD-AWS-0107"],
    },
    remediationSteps: "Restrict the rule's source to a security group or private CIDR, or limit public ingress to the load balancer's listener ports.",
    configSchema: {
        properties: {
            authorizedTcpPorts: { type: "array", items: { type: "number" }, default: [80, 443], description: "TCP ports that may be open to the internet." },
            highRiskPorts: { type: "array", items: { type: "number" }, default: HIGH_RISK_PORTS, description: "Ports never open to the internet (Security Hub EC2.19)." },
        },
    },
    types: SECURITY_GROUP_RULE_TYPES,
    validate: (props, report, config, args) => {
        for (const r of securityGroupRules(args.type, props)) {
            const publicCidrs = r.cidrs.filter((c) => PUBLIC_CIDRS.includes(c));
            if (r.direction !== "ingress" || publicCidrs.length === 0) {
                continue;
            }
            const where = `${r.label === "rule" ? "Ingress" : `Ingress ${r.label}`} from ${publicCidrs.join(", ")}`;
            if (r.protocol !== "tcp") {
                report(`${where} allows ${describePorts(r)}; open only TCP ports ${config.authorizedTcpPorts.join(", ")} to the internet.`);
                continue;
            }
            const risky = portsIn(r.fromPort, r.toPort, config.highRiskPorts);
            if (risky.length > 0) {
                report(`${where} allows high-risk port${risky.length > 1 ? "s" : ""} ${risky.join(", ")}; restrict the source to a security group or private CIDR.`);
                continue;
            }
            const span = r.toPort - r.fromPort + 1;
            if (span > config.authorizedTcpPorts.length || portsIn(r.fromPort, r.toPort, config.authorizedTcpPorts).length < span) {
                report(`${where} allows ${describePorts(r)}; open only TCP ports ${config.authorizedTcpPorts.join(", ")} to the internet.`);
            }
        }
    },
});

const PULUMI_DEFAULT_DESCRIPTION = "Managed by Pulumi";

export const sgDescriptions = resourcePolicy({
    name: "sg-descriptions",
    description: "Checks that security groups and each of their rules have a description (Pulumi's default \"Managed by Pulumi\" does not count).",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["network", "security-group", "documentation"],
    anchors: { docs: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html", checkov: ["CKV_AWS_23"], cdkNag: ["AwsSolutions-EC27"], trivy: ["AVD-AWS-0099", "AVD-AWS-0124"] },
    remediationSteps: "Set `description` on the security group and on every rule, saying who needs the access.",
    types: SECURITY_GROUP_RULE_TYPES,
    validate: (props, report, _config, args) => {
        if (args.type === T.securityGroup && (!props.description || props.description === PULUMI_DEFAULT_DESCRIPTION)) {
            report("The security group has no description of its own; set `description`.");
        }
        for (const r of securityGroupRules(args.type, props)) {
            if (!r.description) {
                report(`${r.label === "rule" ? "The rule" : `Rule ${r.label}`} has no description; set \`description\`.`);
            }
        }
    },
});

export const sgNoUnrestrictedEgress = resourcePolicy({
    name: "sg-no-unrestricted-egress",
    description: "Checks that no security group allows egress on all ports to 0.0.0.0/0 or ::/0 (Fargate tasks then need VPC endpoints or explicit egress rules).",
    enforcementLevel: "disabled",
    severity: "medium",
    tags: ["network", "security-group"],
    anchors: { docs: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html", checkov: ["CKV_AWS_382"], trivy: ["AVD-AWS-0104"] },
    remediationSteps: "Limit egress to the ports and destinations the tasks need (e.g. 443 to VPC endpoints' security group).",
    types: SECURITY_GROUP_RULE_TYPES,
    validate: (props, report, _config, args) => {
        for (const r of securityGroupRules(args.type, props)) {
            const publicCidrs = r.cidrs.filter((c) => PUBLIC_CIDRS.includes(c));
            if (r.direction === "egress" && publicCidrs.length > 0 && r.fromPort === 0 && r.toPort === 65535) {
                report(`${r.label === "rule" ? "Egress" : `Egress ${r.label}`} to ${publicCidrs.join(", ")} allows ${describePorts(r)}; restrict it to the needed ports and destinations.`);
            }
        }
    },
});

/** A rule reduced to atoms (one source each), so inline blocks read back from AWS can be matched to rule resources. */
function atoms(r: SgRule): string[] {
    const sources = [...r.cidrs, ...r.sourceSecurityGroups, ...r.prefixLists, ...(r.self ? ["self"] : [])];
    return sources.map((s) => `${r.direction}|${r.protocol}|${r.fromPort}|${r.toPort}|${s}`);
}

export const securityGroupNoRuleManagementConflicts = stackPolicy({
    name: "security-group-no-rule-management-conflicts",
    description: "Checks that no security group has both inline ingress/egress rules and separate rule resources (each would keep deleting the other's rules).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["network", "security-group", "pulumi"],
    anchors: { docs: "https://www.pulumi.com/registry/packages/aws/api-docs/ec2/securitygroup/", awsguard: ["security-group-no-rule-management-conflicts"] },
    remediationSteps: "Declare the rules either inline on `aws.ec2.SecurityGroup` or as `aws.vpc.SecurityGroupIngressRule`/`EgressRule` resources, not both.",
    validate: (resources, report) => {
        for (const sg of ofTypes(resources, [T.securityGroup])) {
            const separate = ofTypes(resources, SEPARATE_RULE_TYPES).filter((r) => referencedBy(r, "securityGroupId", [sg]).length > 0);
            if (separate.length === 0) {
                continue;
            }
            const separateAtoms = new Set(separate.flatMap((r) => securityGroupRules(r.type, rawProps(r)).flatMap(atoms)));
            // Outputs read back from AWS list the separate rules inline too: only rules nobody else declares conflict.
            const inlineOnly = securityGroupRules(sg.type, rawProps(sg)).filter((r) => atoms(r).some((a) => !separateAtoms.has(a)));
            if (inlineOnly.length > 0) {
                report(`The security group declares inline rules (${inlineOnly.map((r) => r.label).join(", ")}) and ${separate.length} separate rule resource(s) also manage it; keep one style.`, sg.urn);
            }
        }
    },
});

export interface TaskIngressConfig {
    allowSelf: boolean;
}

/** Security groups of the load balancers that front a service, through its target groups and their listeners. */
function loadBalancerSecurityGroups(svc: PolicyResource, resources: PolicyResource[]): { ids: Set<string>; urns: Set<string> } {
    const tgs = referencedBy(svc, "loadBalancers", ofTypes(resources, T.targetGroups));
    let lbs = new Set<PolicyResource>();
    for (const tg of tgs) {
        const listeners = new Set<PolicyResource>();
        for (const l of ofTypes(resources, T.listeners)) {
            if (referencedBy(l, "defaultActions", [tg]).length > 0) {
                listeners.add(l);
            }
        }
        for (const rule of ofTypes(resources, T.listenerRules)) {
            if (referencedBy(rule, "actions", [tg]).length > 0) {
                referencedBy(rule, "listenerArn", ofTypes(resources, T.listeners)).forEach((l) => listeners.add(l));
            }
        }
        for (const l of listeners) {
            referencedBy(l, "loadBalancerArn", ofTypes(resources, T.loadBalancers)).forEach((lb) => lbs.add(lb));
        }
    }
    if (lbs.size === 0) {
        lbs = new Set(ofTypes(resources, T.loadBalancers));
    }
    const ids = new Set<string>();
    const urns = new Set<string>();
    for (const lb of lbs) {
        const sgs = rawProps(lb).securityGroups;
        (Array.isArray(sgs) ? sgs : []).forEach((id: unknown) => typeof id === "string" && ids.add(id));
        referencedBy(lb, "securityGroups", ofTypes(resources, [T.securityGroup])).forEach((sg) => {
            urns.add(sg.urn);
            const id = known(() => sg.props.id);
            if (typeof id === "string") {
                ids.add(id);
            }
        });
    }
    return { ids, urns };
}

export const ecsServiceTaskIngressRestricted = stackPolicy<TaskIngressConfig>({
    name: "ecs-service-task-ingress-restricted",
    description: "Checks that the security groups of an ECS service admit no ingress from 0.0.0.0/0 or ::/0 and, when the service has load balancers, admit ingress only from the load balancers' security groups, or from other security groups on exactly the ports the service publishes through Service Connect.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecs", "network", "security-group"],
    anchors: { securityHub: ["EC2.18", "EC2.19"], checkov: ["CKV_AWS_24", "CKV_AWS_260"], cdkNag: ["AwsSolutions-EC23"], trivy: ["AVD-AWS-0107"] },
    remediationSteps: "Give the task security group a single ingress rule on the container port whose source (`referencedSecurityGroupId`) is the load balancer's security group.",
    configSchema: {
        properties: {
            allowSelf: { type: "boolean", default: true, description: "Allow rules whose source is the group itself (tasks of the service talking to each other)." },
        },
    },
    validate: (resources, report, config) => {
        for (const svc of ofTypes(resources, [T.service])) {
            const sgs = referencedBy(svc, "networkConfiguration", ofTypes(resources, [T.securityGroup]));
            const lbsValue = known(() => svc.props.loadBalancers);
            const hasLbs = lbsValue === UNKNOWN || (Array.isArray(lbsValue) && lbsValue.length > 0);
            const allowed = hasLbs ? loadBalancerSecurityGroups(svc, resources) : { ids: new Set<string>(), urns: new Set<string>() };
            const connectPorts = serviceConnectPorts(svc, resources);
            for (const sg of sgs) {
                for (const { rule, owner, sourceUrns } of rulesOfSecurityGroup(sg, resources)) {
                    if (rule.direction !== "ingress") {
                        continue;
                    }
                    const where = `Task security group ${sg.name}, ${owner === sg ? `inline ${rule.label}` : `rule ${owner.name}`}`;
                    const publicCidrs = rule.cidrs.filter((c) => PUBLIC_CIDRS.includes(c));
                    if (publicCidrs.length > 0) {
                        report(`${where} admits ${publicCidrs.join(", ")} on ${describePorts(rule)}; admit only the load balancer's security group.`, svc.urn);
                        continue;
                    }
                    if (!hasLbs) {
                        continue;
                    }
                    // Service Connect clients (other services' tasks) reach the published port directly.
                    if (rule.cidrs.length === 0 && rule.prefixLists.length === 0 && rule.fromPort === rule.toPort && connectPorts.includes(rule.fromPort)) {
                        continue;
                    }
                    const idsFromLb = rule.sourceSecurityGroups.filter((id) => allowed.ids.has(id));
                    const depsFromLb = sourceUrns.some((u) => allowed.urns.has(u));
                    const notLb = [...rule.cidrs, ...rule.prefixLists];
                    if (rule.self && !config.allowSelf) {
                        notLb.push("the group itself");
                    }
                    if (idsFromLb.length > 0) {
                        notLb.push(...rule.sourceSecurityGroups.filter((id) => !allowed.ids.has(id)).map((id) => `security group ${id}`));
                    } else if (!depsFromLb) {
                        notLb.push(...rule.sourceSecurityGroups.map((id) => `security group ${id}`));
                    }
                    if (notLb.length > 0) {
                        report(`${where} admits ${notLb.join(", ")}; the service is behind a load balancer, so admit only the load balancer's security group.`, svc.urn);
                    }
                }
            }
        }
    },
});

/**
 * The ports on which `svc`'s tasks receive Service Connect traffic: for each published Service Connect service, its
 * `ingressPortOverride`, else the container port of the task definition's port mapping it names. Source: ECS
 * developer guide, "Service Connect components" (the proxy listens on the port mapping's container port).
 */
function serviceConnectPorts(svc: PolicyResource, resources: PolicyResource[]): number[] {
    const sc = known(() => svc.props.serviceConnectConfiguration);
    if (sc === UNKNOWN || !sc?.enabled || !Array.isArray(sc.services)) {
        return [];
    }
    const mappings = referencedBy(svc, "taskDefinition", ofTypes(resources, [T.taskDefinition]))
        .flatMap((td) => containersOf(td.props).flatMap((c) => c.portMappings ?? []));
    return sc.services.flatMap((s: any) => typeof s?.ingressPortOverride === "number"
        ? [s.ingressPortOverride]
        : mappings.filter((m) => m.name !== undefined && m.name === s?.portName && typeof m.containerPort === "number").map((m) => m.containerPort as number));
}
