/** ECS cluster policies: Container Insights and encryption of exec sessions and ephemeral storage. */
import { resourcePolicy } from "./define";
import { T } from "./helpers";

const CLUSTER = [T.cluster];

export interface ContainerInsightsConfig {
    requireEnhanced: boolean;
}

export const ecsClusterContainerInsights = resourcePolicy<ContainerInsightsConfig>({
    name: "ecs-cluster-container-insights",
    description: "Checks that ECS clusters enable Container Insights (`settings` containerInsights enabled or enhanced).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "monitoring"],
    anchors: { securityHub: ["ECS.12"], checkov: ["CKV_AWS_65"], cdkNag: ["AwsSolutions-ECS4"], trivy: ["AVD-AWS-0034"], controlTower: ["CT.ECS.PR.2"] },
    remediationSteps: "Set `settings: [{ name: \"containerInsights\", value: \"enhanced\" }]` (or \"enabled\").",
    configSchema: {
        properties: {
            requireEnhanced: { type: "boolean", default: false, description: "Require the enhanced observability level." },
        },
    },
    types: CLUSTER,
    validate: (props, report, config) => {
        const settings: any[] = props.settings ?? [];
        const value = settings.find((s) => s.name === "containerInsights")?.value;
        const accepted = config.requireEnhanced ? ["enhanced"] : ["enabled", "enhanced"];
        if (!accepted.includes(value)) {
            report(`Container Insights is ${value ?? "not configured"}; set \`settings: [{ name: "containerInsights", value: "${config.requireEnhanced ? "enhanced" : "enabled"}" }]\`.`);
        }
    },
});

export const ecsClusterExecLoggingEncrypted = resourcePolicy({
    name: "ecs-cluster-exec-logging-encrypted",
    description: "Checks that ECS Exec sessions on the cluster are logged and encrypted: `executeCommandConfiguration.logging` is not NONE, `kmsKeyId` is set and an OVERRIDE log destination is encrypted.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecs", "logging", "encryption"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html", checkov: ["CKV_AWS_223", "CKV_AWS_224"] },
    remediationSteps: "Set `configuration.executeCommandConfiguration: { kmsKeyId, logging: \"OVERRIDE\", logConfiguration: { cloudWatchLogGroupName, cloudWatchEncryptionEnabled: true } }`.",
    types: CLUSTER,
    validate: (props, report) => {
        const exec = props.configuration?.executeCommandConfiguration;
        if (exec?.logging === "NONE") {
            report("ECS Exec sessions are not logged; set `executeCommandConfiguration.logging` to DEFAULT or OVERRIDE.");
            return;
        }
        if (!exec?.kmsKeyId) {
            report("ECS Exec sessions are not encrypted with your key; set `configuration.executeCommandConfiguration.kmsKeyId`.");
        }
        if (exec?.logging === "OVERRIDE") {
            const lc = exec.logConfiguration ?? {};
            const cwOk = !lc.cloudWatchLogGroupName || lc.cloudWatchEncryptionEnabled === true;
            const s3Ok = !lc.s3BucketName || lc.s3BucketEncryptionEnabled === true;
            if (!cwOk || !s3Ok) {
                report("The ECS Exec log destination is not encrypted; set `cloudWatchEncryptionEnabled: true` / `s3BucketEncryptionEnabled: true`.");
            }
        }
    },
});

export const ecsClusterFargateStorageCmk = resourcePolicy({
    name: "ecs-cluster-fargate-storage-cmk",
    description: "Checks that the cluster encrypts Fargate ephemeral storage with a customer managed KMS key.",
    enforcementLevel: "disabled",
    severity: "low",
    tags: ["ecs", "encryption"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-storage-encryption.html" },
    remediationSteps: "Set `configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId`.",
    types: CLUSTER,
    validate: (props, report) => {
        if (!props.configuration?.managedStorageConfiguration?.fargateEphemeralStorageKmsKeyId) {
            report("Fargate ephemeral storage uses an AWS owned key; set `configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId`.");
        }
    },
});
