/** Load-balancer, listener and target-group policies; every one matches both the `aws:lb/*` and `aws:alb/*` tokens. */
import { known, ofTypes, rawProps, referencedBy, referrersOf, resourcePolicy, stackPolicy, T } from "./helpers";

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

const NLB_PROTOCOLS = ["TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"];

export const albListenerHttpsOrRedirect = resourcePolicy({
    name: "alb-listener-https-or-redirect",
    description: "Checks that ALB listeners use HTTPS, or HTTP (also when `protocol` is unset) only to redirect to HTTPS; network load-balancer listeners use TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["load-balancer", "encryption-in-transit"],
    anchors: {
        securityHub: ["ELB.1", "ELB.18"], checkov: ["CKV_AWS_2", "CKV2_AWS_20"], cdkNag: ["ALBHttpToHttpsRedirection"],
        trivy: ["AVD-AWS-0054"], awsguard: ["alb-http-to-https-redirection"], kics: ["de7f5e83"],
    },
    remediationSteps: "Serve on an HTTPS listener with an ACM certificate, and make the HTTP listener's only default action `redirect: { protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\" }`.",
    types: T.listeners,
    validate: (props, report) => {
        const protocol = props.protocol ?? "HTTP";
        if (protocol === "HTTPS" || protocol === "TLS" || protocol === "GENEVE") {
            return;
        }
        if (NLB_PROTOCOLS.includes(protocol)) {
            report(`The listener uses ${protocol}; use TLS with a certificate.`);
            return;
        }
        const actions: any[] = props.defaultActions ?? [];
        const redirects = actions.length === 1 && actions[0].type === "redirect" && actions[0].redirect?.protocol === "HTTPS";
        if (!redirects) {
            report(`The listener serves plain ${protocol}${props.protocol === undefined ? " (protocol unset)" : ""}; use HTTPS, or make its only default action a redirect with \`protocol: "HTTPS"\`.`);
        }
    },
});

/** Security Hub ELB.17's recommended policies. */
export const RECOMMENDED_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
];

export interface TlsPolicyConfig {
    allowedSslPolicies: string[];
}

export const albListenerTlsPolicy = resourcePolicy<TlsPolicyConfig>({
    name: "alb-listener-tls-policy",
    description: "Checks that HTTPS and TLS listeners set `sslPolicy` (the default, ELBSecurityPolicy-2016-08, allows TLS 1.0) to an allowed policy.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["load-balancer", "encryption-in-transit"],
    anchors: { securityHub: ["ELB.17"], checkov: ["CKV_AWS_103", "CKV2_AWS_74"], trivy: ["AVD-AWS-0047"] },
    remediationSteps: "Set `sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-Res-2021-06\"` (or another allowed policy).",
    configSchema: {
        properties: {
            allowedSslPolicies: { type: "array", items: { type: "string" }, default: RECOMMENDED_TLS_POLICIES, description: "Accepted listener security policies." },
        },
    },
    types: T.listeners,
    validate: (props, report, config) => {
        if (props.protocol !== "HTTPS" && props.protocol !== "TLS") {
            return;
        }
        const policy = props.sslPolicy;
        if (!config.allowedSslPolicies.includes(policy)) {
            report(`\`sslPolicy\` is ${policy ?? "unset (ELBSecurityPolicy-2016-08)"}; set one of ${config.allowedSslPolicies.join(", ")}.`);
        }
    },
});

export const albListenerAcmCertificate = resourcePolicy({
    name: "alb-listener-acm-certificate",
    description: "Checks that HTTPS and TLS listeners use an ACM certificate (`certificateArn` is an `arn:aws:acm:` ARN).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["load-balancer", "certificates"],
    anchors: { docs: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html", cdkNag: ["ELBv2ACMCertificateRequired"] },
    remediationSteps: "Issue or import the certificate in ACM and set `certificateArn` to its ARN.",
    types: T.listeners,
    validate: (props, report) => {
        if (props.protocol !== "HTTPS" && props.protocol !== "TLS") {
            return;
        }
        const arn = props.certificateArn;
        if (typeof arn !== "string" || !/^arn:aws[a-z-]*:acm:/.test(arn)) {
            report(`\`certificateArn\` is ${arn ? `"${arn}"` : "unset"}; use an ACM certificate ARN.`);
        }
    },
});

export const albTargetGroupIpTypeForAwsvpc = stackPolicy({
    name: "alb-target-group-ip-type-for-awsvpc",
    description: "Checks that target groups used by services whose tasks run in awsvpc mode (or on Fargate) have `targetType: \"ip\"`; AWS rejects `instance` only when the service is created.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["load-balancer", "ecs", "correctness"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html" },
    remediationSteps: "Set `targetType: \"ip\"` on the target group (this replaces it).",
    validate: (resources, report) => {
        const taskDefs = ofTypes(resources, [T.taskDefinition]);
        for (const svc of ofTypes(resources, [T.service])) {
            const launchType = known(() => svc.props.launchType);
            const awsvpc = launchType === "FARGATE" ||
                referencedBy(svc, "taskDefinition", taskDefs).some((td) => known(() => td.props.networkMode) === "awsvpc");
            if (!awsvpc) {
                continue;
            }
            for (const tg of referencedBy(svc, "loadBalancers", ofTypes(resources, T.targetGroups))) {
                const targetType = known(() => tg.props.targetType);
                if (typeof targetType !== "symbol" && (targetType ?? "instance") !== "ip") {
                    report(`Target group ${tg.name} has targetType ${targetType ?? "unset (instance)"} but service ${svc.name} runs awsvpc tasks; set \`targetType: "ip"\`.`, tg.urn);
                }
            }
        }
    },
});

export const albTargetGroupHealthCheck = resourcePolicy({
    name: "alb-target-group-health-check",
    description: "Checks that HTTP and HTTPS target groups keep health checks on and set a health-check `path`.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["load-balancer", "availability"],
    anchors: { docs: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html", checkov: ["CKV_AWS_261"] },
    remediationSteps: "Set `healthCheck: { enabled: true, path: \"/health\", matcher: \"200\" }`.",
    types: T.targetGroups,
    validate: (props, report) => {
        if (props.targetType === "lambda") {
            return;
        }
        const protocol = props.protocol ?? "HTTP";
        if (protocol !== "HTTP" && protocol !== "HTTPS") {
            return;
        }
        const hc = props.healthCheck;
        if (hc?.enabled === false) {
            report("Health checks are disabled; set `healthCheck.enabled: true` with a `path`.");
        } else if (!hc?.path) {
            report("No health-check path is set; set `healthCheck.path` to an endpoint that reports the application's health.");
        }
    },
});

export const albTargetGroupEncrypted = resourcePolicy({
    name: "alb-target-group-encrypted",
    description: "Checks that target groups use encrypted transport (HTTPS/TLS) and encrypted health checks (HTTPS).",
    enforcementLevel: "disabled",
    severity: "medium",
    tags: ["load-balancer", "encryption-in-transit"],
    anchors: { securityHub: ["ELB.21", "ELB.22"], checkov: ["CKV_AWS_378"] },
    remediationSteps: "Set `protocol: \"HTTPS\"` and `healthCheck.protocol: \"HTTPS\"`, with TLS served by the container.",
    types: T.targetGroups,
    validate: (props, report) => {
        if (props.targetType === "lambda" || props.targetType === "alb" || props.protocol === "GENEVE") {
            return;
        }
        const protocol = props.protocol ?? "HTTP";
        if (!["HTTPS", "TLS", "QUIC", "TCP_QUIC"].includes(protocol)) {
            report(`The target group uses ${protocol}; set \`protocol: "HTTPS"\`.`);
        }
        if ((protocol === "HTTP" || protocol === "HTTPS") && props.healthCheck?.protocol !== "HTTPS") {
            report("Health checks are not encrypted; set `healthCheck.protocol: \"HTTPS\"`.");
        }
    },
});

export const loadBalancerPolicies = [
    albDropInvalidHeaderFields,
    albDesyncMitigation,
    albAccessLogsEnabled,
    albDeletionProtection,
    albMultiAz,
    albWafAssociated,
    albNotInternetFacing,
    albSecurityGroupsAttached,
    noClassicLoadBalancer,
    albListenerHttpsOrRedirect,
    albListenerTlsPolicy,
    albListenerAcmCertificate,
    albTargetGroupIpTypeForAwsvpc,
    albTargetGroupHealthCheck,
    albTargetGroupEncrypted,
];
