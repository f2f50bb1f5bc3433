/** ECR policies: tag immutability, scanning, encryption, lifecycle, repository policy, force-delete. */
import { resourcePolicy, stackPolicy } from "./define";
import { known, ofTypes, referrersOf, T, UNKNOWN } from "./helpers";
import { parsePolicyDocument, principalIsPublic } from "./parse";

const REPOSITORY_TYPES = [T.ecrRepository, T.ecrCreationTemplate];

export interface ImmutableTagsConfig {
    allowImmutableWithExclusion: boolean;
    allowedExclusionFilters: string[];
}

export const ecrRepositoryImmutableTags = resourcePolicy<ImmutableTagsConfig>({
    name: "ecr-repository-immutable-tags",
    description: "Checks that ECR repositories (and repository creation templates) make image tags immutable; an unset `imageTagMutability` means MUTABLE.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecr", "supply-chain"],
    anchors: { securityHub: ["ECR.2"], checkov: ["CKV_AWS_51"], trivy: ["AVD-AWS-0031"], controlTower: ["CT.ECR.PR.3"], kics: ["d1846b12"] },
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"` and push a new tag for every build (for example the git SHA).",
    configSchema: {
        properties: {
            allowImmutableWithExclusion: {
                type: "boolean", default: false,
                description: "Accept IMMUTABLE_WITH_EXCLUSION (tags immutable except those matching the exclusion filters). Security Hub ECR.2 does not.",
            },
            allowedExclusionFilters: {
                type: "array", items: { type: "string" }, default: [],
                description: "When IMMUTABLE_WITH_EXCLUSION is accepted, the only exclusion filters allowed (empty: any).",
            },
        },
    },
    types: REPOSITORY_TYPES,
    validate: (props, report, config) => {
        const mutability = props.imageTagMutability ?? "MUTABLE";
        if (mutability === "IMMUTABLE") {
            return;
        }
        if (mutability === "IMMUTABLE_WITH_EXCLUSION" && config.allowImmutableWithExclusion) {
            const filters: string[] = (props.imageTagMutabilityExclusionFilters ?? []).map((f: any) => f.filter);
            if (filters.length === 0) {
                report("`imageTagMutability` is IMMUTABLE_WITH_EXCLUSION without exclusion filters; set `imageTagMutabilityExclusionFilters` or use IMMUTABLE.");
            }
            const allowed = config.allowedExclusionFilters;
            const extra = filters.filter((f) => allowed.length > 0 && !allowed.includes(f));
            if (extra.length > 0) {
                report(`Exclusion filters ${JSON.stringify(extra)} are not in the allowed list ${JSON.stringify(allowed)}; remove them or set \`imageTagMutability: "IMMUTABLE"\`.`);
            }
            return;
        }
        report(`\`imageTagMutability\` is ${mutability}${props.imageTagMutability === undefined ? " (unset)" : ""}; set \`imageTagMutability: "IMMUTABLE"\`.`);
    },
});

export interface ScanOnPushConfig {
    registryEnhancedScanning: boolean;
}

function wildcardMatch(pattern: string, value: string): boolean {
    const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return re.test(value);
}

export const ecrRepositoryScanOnPush = stackPolicy<ScanOnPushConfig>({
    name: "ecr-repository-scan-on-push",
    description: "Checks that every ECR repository scans images on push, or is covered by an ENHANCED registry scanning configuration in the stack.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecr", "vulnerability-management"],
    anchors: { securityHub: ["ECR.1"], checkov: ["CKV_AWS_163"], trivy: ["AVD-AWS-0030"], controlTower: ["CT.ECR.PR.2"] },
    remediationSteps: "Set `imageScanningConfiguration: { scanOnPush: true }`, or configure registry-level ENHANCED scanning with a rule matching the repository.",
    configSchema: {
        properties: {
            registryEnhancedScanning: {
                type: "boolean", default: false,
                description: "The account's registry uses ENHANCED scanning for every repository (configured outside this stack).",
            },
        },
    },
    validate: (resources, report, config) => {
        if (config.registryEnhancedScanning) {
            return;
        }
        const enhancedFilters: string[] = [];
        for (const r of ofTypes(resources, [T.ecrRegistryScanning])) {
            if (known(() => r.props.scanType) !== "ENHANCED") {
                continue;
            }
            const rules = known(() => r.props.rules);
            for (const rule of Array.isArray(rules) ? rules : []) {
                const frequency = known(() => rule.scanFrequency);
                if (frequency === "SCAN_ON_PUSH" || frequency === "CONTINUOUS_SCAN") {
                    const filters = known(() => rule.repositoryFilters);
                    for (const f of Array.isArray(filters) ? filters : []) {
                        const pattern = known(() => f.filter);
                        if (typeof pattern === "string") {
                            enhancedFilters.push(pattern);
                        }
                    }
                }
            }
        }
        for (const repo of ofTypes(resources, [T.ecrRepository])) {
            const scan = known(() => repo.props.imageScanningConfiguration?.scanOnPush);
            if (scan === true || scan === UNKNOWN) {
                continue;
            }
            const name = known(() => repo.props.name);
            if (typeof name === "string" && enhancedFilters.some((f) => wildcardMatch(f, name))) {
                continue;
            }
            report("Images are not scanned on push; set `imageScanningConfiguration: { scanOnPush: true }` or enable ENHANCED registry scanning for this repository.", repo.urn);
        }
    },
});

export interface KmsEncryptionConfig {
    requireCustomerManagedKey: boolean;
    allowedKmsKeyArns: string[];
}

export const ecrRepositoryKmsEncryption = resourcePolicy<KmsEncryptionConfig>({
    name: "ecr-repository-kms-encryption",
    description: "Checks that ECR repositories are encrypted with KMS, by default with a customer managed key.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecr", "encryption"],
    anchors: { securityHub: ["ECR.5"], checkov: ["CKV_AWS_136"], trivy: ["AVD-AWS-0033"] },
    remediationSteps: "Set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer managed key ARN> }]` (repositories must be replaced to change encryption).",
    configSchema: {
        properties: {
            requireCustomerManagedKey: { type: "boolean", default: true, description: "Require `kmsKey` (a customer managed key), as Security Hub ECR.5 does." },
            allowedKmsKeyArns: { type: "array", items: { type: "string" }, default: [], description: "The only KMS keys allowed (empty: any)." },
        },
    },
    types: REPOSITORY_TYPES,
    validate: (props, report, config) => {
        const enc = (props.encryptionConfigurations ?? [])[0];
        const type = enc?.encryptionType ?? "AES256";
        if (type !== "KMS" && type !== "KMS_DSSE") {
            report(`\`encryptionType\` is ${type}; set \`encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: <key ARN> }]\`.`);
            return;
        }
        const key = enc.kmsKey;
        if (config.requireCustomerManagedKey && !key) {
            report("KMS encryption uses the AWS managed key; set `kmsKey` to a customer managed key ARN.");
        } else if (key && config.allowedKmsKeyArns.length > 0 && !config.allowedKmsKeyArns.includes(key)) {
            report(`KMS key ${key} is not in the allowed list; use one of ${JSON.stringify(config.allowedKmsKeyArns)}.`);
        }
    },
});

export const ecrRepositoryLifecyclePolicy = stackPolicy({
    name: "ecr-repository-lifecycle-policy",
    description: "Checks that every ECR repository in the stack has a lifecycle policy (`aws:ecr/lifecyclePolicy`) referring to it.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["ecr", "cost"],
    anchors: { securityHub: ["ECR.3"], controlTower: ["CT.ECR.PR.1"] },
    remediationSteps: "Add an `aws.ecr.LifecyclePolicy` with `repository: repo.name` that expires untagged and old images.",
    validate: (resources, report) => {
        for (const repo of ofTypes(resources, [T.ecrRepository])) {
            if (referrersOf(repo, [T.ecrLifecyclePolicy], "repository", resources).length === 0) {
                report("No lifecycle policy refers to this repository; add an `aws.ecr.LifecyclePolicy` with `repository` set to its name.", repo.urn);
            }
        }
    },
});

export const ecrRepositoryPolicyNotPublic = resourcePolicy({
    name: "ecr-repository-policy-not-public",
    description: "Checks that ECR repository and registry policies grant nothing to every principal (`*`) without a restricting condition.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["ecr", "access-control"],
    anchors: { docs: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html", checkov: ["CKV_AWS_32"], cdkNag: ["AwsSolutions-ECR1"], trivy: ["AVD-AWS-0032"] },
    remediationSteps: "Name the accounts or roles in `Principal`, or add a `Condition` (for example `aws:PrincipalOrgID`).",
    types: [T.ecrRepositoryPolicy, T.ecrRegistryPolicy],
    validate: (props, report) => {
        const statements = parsePolicyDocument(props.policy) ?? [];
        statements.forEach((s, i) => {
            if (s.effect === "Allow" && principalIsPublic(s.principal) && !s.hasCondition) {
                report(`Statement ${i} allows ${JSON.stringify(s.actions)} to every principal; set \`Principal\` to specific accounts or add a \`Condition\`.`);
            }
        });
    },
});

export const ecrRepositoryNoForceDelete = resourcePolicy({
    name: "ecr-repository-no-force-delete",
    description: "Checks that ECR repositories do not set `forceDelete`, which deletes every image with the stack.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["ecr", "data-protection"],
    anchors: { docs: "https://www.pulumi.com/registry/packages/aws/api-docs/ecr/repository/#forcedelete_nodejs" },
    remediationSteps: "Remove `forceDelete: true` (or set it to false) so a destroy fails while images remain.",
    types: [T.ecrRepository],
    validate: (props, report) => {
        if (props.forceDelete === true) {
            report("`forceDelete` is true; remove it so images are not deleted with the stack.");
        }
    },
});
