/** Listener and target-group policies; every one matches both the `aws:lb/*` and `aws:alb/*` tokens. */
import { resourcePolicy, stackPolicy } from "./define";
import { known, ofTypes, referencedBy, T } from "./helpers";

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

/**
 * The TLS 1.3 policies AWS recommends for HTTPS and TLS listeners: TLS 1.2 as the floor (or TLS 1.3 only), with the
 * standard, restricted (`Res`) or FIPS cipher sets, each also in its hybrid post-quantum (`PQ`) 2025-09 version.
 * AWS recommends `ELBSecurityPolicy-TLS13-1-2-2021-06` ("includes TLS 1.3, and is backwards compatible with TLS 1.2")
 * and, for post-quantum key exchange, `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09` (the console's default) or
 * `ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09`. The `Ext0`/`Ext1`/`Ext2` variants are left out: they add CBC and
 * SHA-1 cipher suites for legacy clients.
 * Source: "Security policies for your Application Load Balancer",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html (and the Network Load
 * Balancer page of the same name); names as in AWS CDK's `SslPolicy` enum.
 */
export const RECOMMENDED_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
];

/**
 * Predefined policies that still negotiate TLS 1.0 or TLS 1.1 (the protocol tables of the same AWS pages). They are
 * rejected even when listed in `allowedSslPolicies`. `ELBSecurityPolicy-2016-08` is what AWS applies when
 * `sslPolicy` is unset (CLI, CloudFormation, Terraform, Pulumi).
 */
export const LEGACY_TLS_POLICIES = [
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-FS-1-1-2019-08",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
    "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09",
];

/** The policy AWS applies to an HTTPS or TLS listener created without `sslPolicy` (outside the console). */
const AWS_DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";

export interface TlsPolicyConfig {
    allowedSslPolicies: string[];
}

export const albListenerTlsPolicy = resourcePolicy<TlsPolicyConfig>({
    name: "alb-listener-tls-policy",
    description: "Checks that HTTPS and TLS listeners set `sslPolicy` to an allowed policy (by default AWS's recommended TLS 1.3 policies, PQ variants included); the default, ELBSecurityPolicy-2016-08, and every policy allowing TLS 1.0 or 1.1 fail.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["load-balancer", "encryption-in-transit"],
    anchors: { securityHub: ["ELB.17"], checkov: ["CKV_AWS_103", "CKV2_AWS_74"], trivy: ["AVD-AWS-0047"] },
    remediationSteps: "Set `sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-Res-2021-06\"` (or another allowed policy).",
    configSchema: {
        properties: {
            allowedSslPolicies: {
                type: "array", items: { type: "string" }, default: RECOMMENDED_TLS_POLICIES,
                description: "Accepted listener security policies; policies that allow TLS 1.0 or 1.1 are rejected even if listed.",
            },
        },
    },
    types: T.listeners,
    validate: (props, report, config) => {
        if (props.protocol !== "HTTPS" && props.protocol !== "TLS") {
            return;
        }
        const policy = props.sslPolicy;
        const allowed = config.allowedSslPolicies.filter((p) => !LEGACY_TLS_POLICIES.includes(p));
        const shown = policy === undefined ? `unset (${AWS_DEFAULT_SSL_POLICY})` : policy;
        if (LEGACY_TLS_POLICIES.includes(policy ?? AWS_DEFAULT_SSL_POLICY)) {
            report(`\`sslPolicy\` is ${shown}, which allows TLS 1.0 and 1.1; set one of ${allowed.join(", ")}.`);
        } else if (!allowed.includes(policy)) {
            report(`\`sslPolicy\` is ${shown}; set one of ${allowed.join(", ")}.`);
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
