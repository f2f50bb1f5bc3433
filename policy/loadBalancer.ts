/** Load-balancer policies; every one matches both the `aws:lb/*` and `aws:alb/*` tokens. */
import { resourcePolicy, stackPolicy } from "./define";
import { ofTypes, rawProps, referrersOf, T } from "./helpers";

/** Application load balancers: `loadBalancerType` unset means application. */
function isApplication(props: Record<string, any>): boolean {
    return (props.loadBalancerType ?? "application") === "application";
}

export const albDropInvalidHeaderFields = resourcePolicy({
    name: "alb-drop-invalid-header-fields",
    description: "Checks that application load balancers drop HTTP headers with invalid fields (`dropInvalidHeaderFields`), a request-smuggling defence.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["load-balancer", "http"],
    anchors: { securityHub: ["ELB.4"], checkov: ["CKV_AWS_131"], cdkNag: ["ALBHttpDropInvalidHeaderEnabled"], trivy: ["AVD-AWS-0052"], kics: ["6e3fd2ed"] },
    remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
    types: T.loadBalancers,
    validate: (props, report) => {
        if (isApplication(props) && props.dropInvalidHeaderFields !== true) {
            report("Invalid HTTP header fields are forwarded; set `dropInvalidHeaderFields: true`.");
        }
    },
});

export const albDesyncMitigation = resourcePolicy({
    name: "alb-desync-mitigation",
    description: "Checks that application load balancers use the defensive or strictest HTTP desync mitigation mode (unset means defensive).",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["load-balancer", "http"],
    anchors: { securityHub: ["ELB.12"], checkov: ["CKV_AWS_328"] },
    remediationSteps: "Remove `desyncMitigationMode` or set it to \"defensive\" or \"strictest\".",
    types: T.loadBalancers,
    validate: (props, report) => {
        if (isApplication(props) && props.desyncMitigationMode === "monitor") {
            report("`desyncMitigationMode` is monitor; set \"defensive\" or \"strictest\".");
        }
    },
});

export const albAccessLogsEnabled = resourcePolicy({
    name: "alb-access-logs-enabled",
    description: "Checks that application and network load balancers write access logs to S3 (`accessLogs.enabled` with a bucket; a bucket alone does not enable them).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer", "logging"],
    anchors: {
        securityHub: ["ELB.5"], checkov: ["CKV_AWS_91"], cdkNag: ["AwsSolutions-ELB2"], awsguard: ["elb-logging-enabled"],
    },
    remediationSteps: "Set `accessLogs: { bucket: <bucket with an ELB log-delivery policy>, enabled: true }`.",
    types: T.loadBalancers,
    validate: (props, report) => {
        if (props.loadBalancerType === "gateway") {
            return;
        }
        const logs = props.accessLogs;
        if (logs?.enabled !== true || !logs?.bucket) {
            report("Access logs are off; set `accessLogs: { bucket: <bucket>, enabled: true }`.");
        }
    },
});

export const albDeletionProtection = resourcePolicy({
    name: "alb-deletion-protection",
    description: "Checks that load balancers enable deletion protection (note that it also blocks `pulumi destroy` until it is turned off).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer", "availability"],
    anchors: { securityHub: ["ELB.6"], checkov: ["CKV_AWS_150"], cdkNag: ["ELBDeletionProtectionEnabled"], awsguard: ["elb-deletion-protection-enabled"], kics: ["afecd1f1"] },
    remediationSteps: "Set `enableDeletionProtection: true` (turn it off in a separate update before destroying).",
    types: T.loadBalancers,
    validate: (props, report) => {
        if (props.enableDeletionProtection !== true) {
            report("Deletion protection is off; set `enableDeletionProtection: true`.");
        }
    },
});

export interface MultiAzConfig {
    minAvailabilityZones: number;
}

export const albMultiAz = resourcePolicy<MultiAzConfig>({
    name: "alb-multi-az",
    description: "Checks that load balancers span at least two availability zones (by `subnets` or `subnetMappings`).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer", "availability"],
    anchors: { securityHub: ["ELB.13"] },
    remediationSteps: "Give the load balancer one subnet in each of at least two availability zones.",
    configSchema: {
        properties: { minAvailabilityZones: { type: "number", default: 2, description: "Fewest subnets (one per zone)." } },
    },
    types: T.loadBalancers,
    validate: (props, report, config) => {
        const subnets = Array.isArray(props.subnets) ? props.subnets.length : 0;
        const mappings = Array.isArray(props.subnetMappings) ? props.subnetMappings.length : 0;
        const count = Math.max(subnets, mappings);
        if (count < config.minAvailabilityZones) {
            report(`The load balancer has ${count} subnet(s); set \`subnets\` in at least ${config.minAvailabilityZones} availability zones.`);
        }
    },
});

export const albWafAssociated = stackPolicy({
    name: "alb-waf-associated",
    description: "Checks that every internet-facing application load balancer has an AWS WAF web ACL association (`aws:wafv2/webAclAssociation`) referring to it.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer", "waf"],
    anchors: { securityHub: ["ELB.16"], checkov: ["CKV2_AWS_28"], cdkNag: ["ALBWAFEnabled"], kics: ["0afa6ab8"] },
    remediationSteps: "Add `new aws.wafv2.WebAclAssociation(..., { resourceArn: alb.arn, webAclArn })`.",
    validate: (resources, report) => {
        for (const lb of ofTypes(resources, T.loadBalancers)) {
            const p = rawProps(lb);
            if (p.internal === true || !isApplication(p)) {
                continue;
            }
            if (referrersOf(lb, [T.wafAssociation], "resourceArn", resources).length === 0) {
                report("No WAF web ACL is associated with this internet-facing load balancer; add an `aws.wafv2.WebAclAssociation` with `resourceArn` set to its ARN.", lb.urn);
            }
        }
    },
});

export interface InternalConfig {
    allowedInternetFacing: string[];
}

export const albNotInternetFacing = resourcePolicy<InternalConfig>({
    name: "alb-not-internet-facing",
    description: "Checks that load balancers are internal unless their logical name is allow-listed.",
    enforcementLevel: "disabled",
    severity: "high",
    tags: ["load-balancer", "network"],
    anchors: { docs: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme", trivy: ["AVD-AWS-0053"] },
    remediationSteps: "Set `internal: true`, or add the load balancer's name to `allowedInternetFacing`.",
    configSchema: {
        properties: {
            allowedInternetFacing: { type: "array", items: { type: "string" }, default: [], description: "Logical names of load balancers that may face the internet." },
        },
    },
    types: T.loadBalancers,
    validate: (props, report, config, args) => {
        if (props.internal !== true && !config.allowedInternetFacing.includes(args.name)) {
            report("The load balancer faces the internet; set `internal: true` or allow-list it.");
        }
    },
});

export const albSecurityGroupsAttached = resourcePolicy({
    name: "alb-security-groups-attached",
    description: "Checks that application load balancers have security groups of their own (`securityGroups`).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer", "security-group"],
    anchors: { docs: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html" },
    remediationSteps: "Create a security group open only on the listener ports and set `securityGroups: [sg.id]`.",
    types: T.loadBalancers,
    validate: (props, report) => {
        if (isApplication(props) && !(Array.isArray(props.securityGroups) && props.securityGroups.length > 0)) {
            report("No security groups are attached, so the VPC's default group applies; set `securityGroups`.");
        }
    },
});

export const noClassicLoadBalancer = resourcePolicy({
    name: "no-classic-load-balancer",
    description: "Checks that no Classic Load Balancer (`aws:elb/loadBalancer`) serves HTTP or HTTPS; the ECS circuit breaker does not work behind one.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer"],
    anchors: { docs: "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html", cdkNag: ["AwsSolutions-ELB1"] },
    remediationSteps: "Replace the Classic Load Balancer with an application load balancer (`aws.lb.LoadBalancer`).",
    types: [T.classicLoadBalancer],
    validate: (props, report) => {
        const listeners: any[] = props.listeners ?? [];
        if (listeners.some((l) => ["http", "https"].includes(String(l.lbProtocol).toLowerCase()))) {
            report("A Classic Load Balancer serves HTTP(S); use an application load balancer (`aws.lb.LoadBalancer`).");
        }
    },
});
