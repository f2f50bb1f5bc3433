/** CloudWatch log-group policies: retention and encryption. */
import { resourcePolicy } from "./define";
import { T } from "./helpers";

/** Retention values CloudWatch accepts (0 = never expire). */
export const RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export interface RetentionConfig {
    minRetentionDays: number;
}

export const logGroupRetention = resourcePolicy<RetentionConfig>({
    name: "log-group-retention",
    description: "Checks that CloudWatch log groups set `retentionInDays` (0 keeps logs forever) to at least the minimum (default 365 days); DELIVERY-class groups are skipped.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["logging", "cloudwatch"],
    anchors: {
        securityHub: ["CloudWatch.16"], checkov: ["CKV_AWS_66", "CKV_AWS_338"], cdkNag: ["CloudWatchLogGroupRetentionPeriod"],
    },
    remediationSteps: "Set `retentionInDays: 365` (or more) on the log group.",
    configSchema: {
        properties: {
            minRetentionDays: {
                type: "number", default: 365, enum: RETENTION_DAYS.filter((d) => d > 0),
                description: "Shortest retention accepted (Security Hub CloudWatch.16 accepts 365, 400, 545, 731, 1827 or 3653).",
            },
        },
    },
    types: [T.logGroup],
    validate: (props, report, config) => {
        if (props.logGroupClass === "DELIVERY") {
            return;
        }
        const days = props.retentionInDays;
        if (days === undefined || days === null) {
            report(`\`retentionInDays\` is unset, so logs are kept forever without a decision; set \`retentionInDays: ${config.minRetentionDays}\` or more.`);
        } else if (days !== 0 && days < config.minRetentionDays) {
            report(`\`retentionInDays\` is ${days}; set it to at least ${config.minRetentionDays}.`);
        }
    },
});

export const logGroupKmsEncryption = resourcePolicy({
    name: "log-group-kms-encryption",
    description: "Checks that CloudWatch log groups are encrypted with a customer managed KMS key (`kmsKeyId`).",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["logging", "cloudwatch", "encryption"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html", checkov: ["CKV_AWS_158"], cdkNag: ["CloudWatchLogGroupEncrypted"], trivy: ["AVD-AWS-0017"] },
    remediationSteps: "Set `kmsKeyId` to a KMS key whose policy lets the `logs.<region>.amazonaws.com` service use it.",
    types: [T.logGroup],
    validate: (props, report) => {
        if (!props.kmsKeyId) {
            report("The log group uses CloudWatch's default encryption; set `kmsKeyId` to a customer managed KMS key ARN.");
        }
    },
});
