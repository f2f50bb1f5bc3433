/**
 * Pure IAM documents of a `WebService`: trust and least-privilege permissions, built from known values.
 */

/** Principal ECS tasks assume their roles as. */
export const ECS_TASKS_PRINCIPAL = "ecs-tasks.amazonaws.com";

/** AWS managed policies no task role may carry. */
export const FORBIDDEN_MANAGED_POLICIES: readonly string[] = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

/** Splits an ARN; throws with the ARN quoted when it is not one. */
export function parseArn(arn: string): ArnParts {
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        throw new Error(`"${arn}" is not an ARN`);
    }
    return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** The ECR repository an image URI points into, or undefined for an image outside ECR. */
export function ecrRepositoryOf(image: string): { account: string; region: string; repository: string } | undefined {
    const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^@:]+)/.exec(image);
    return match ? { account: match[1], region: match[2], repository: match[3] } : undefined;
}

/** The secret ARN without the JSON-key, version-stage and version-ID suffix ECS allows in `valueFrom`. */
export function secretResourceArn(valueFrom: string): string {
    const parts = valueFrom.split(":");
    return parts[2] === "secretsmanager" ? parts.slice(0, 7).join(":") : valueFrom;
}

/** Trust policy: only ECS tasks of this account (confused-deputy guard with aws:SourceAccount and aws:SourceArn). */
export function taskTrustPolicy(clusterArn: string): string {
    const { partition, region, account } = parseArn(clusterArn);
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: ECS_TASKS_PRINCIPAL },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": account },
                ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region}:${account}:*` },
            },
        }],
    });
}

/** What the execution role must reach to start the task. */
export interface ExecutionPolicyInputs {
    clusterArn: string;
    /** Every container's image: the app's and each sidecar's. */
    images: string[];
    logGroupArn: string;
    /** `valueFrom` of each secret (Secrets Manager or SSM Parameter Store ARNs). */
    secretArns: string[];
    /** ARNs of the customer-managed KMS keys the secrets are encrypted with. */
    secretsKmsKeyArns?: string[];
}

/**
 * Execution role permissions: ECR pull scoped to the images' repositories (only the authorization-token call needs
 * `*`), log writes scoped to the service's log group, and reads of exactly the named secrets.
 */
export function executionPolicy(inputs: ExecutionPolicyInputs): string {
    const { partition } = parseArn(inputs.clusterArn);
    const statements: object[] = [];
    const repositories = [...new Set(inputs.images.map(ecrRepositoryOf).filter((r) => r !== undefined)
        .map((r) => `arn:${partition}:ecr:${r.region}:${r.account}:repository/${r.repository}`))].sort();
    if (repositories.length > 0) {
        statements.push(
            { Sid: "EcrAuthorizationToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            {
                Sid: "EcrPullImage",
                Effect: "Allow",
                Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                Resource: repositories.length === 1 ? repositories[0] : repositories,
            },
        );
    }
    statements.push({
        Sid: "WriteLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${inputs.logGroupArn.replace(/:\*$/, "")}:log-stream:*`,
    });
    const secrets = [...new Set(inputs.secretArns.filter((a) => parseArn(a).service === "secretsmanager").map(secretResourceArn))].sort();
    if (secrets.length > 0) {
        statements.push({ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secrets });
    }
    const parameters = [...new Set(inputs.secretArns.filter((a) => parseArn(a).service === "ssm"))].sort();
    if (parameters.length > 0) {
        statements.push({ Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: parameters });
    }
    // A secret encrypted with a customer-managed key also needs decrypt on that key
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html).
    const keys = [...new Set(inputs.secretsKmsKeyArns ?? [])].sort();
    if (keys.length > 0) {
        statements.push({ Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: keys });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** What ECS Exec's task-role permissions are scoped to. */
export interface ExecuteCommandPolicyInputs {
    /** ARN of the log group of the task's awslogs configuration, where sessions are logged. */
    logGroupArn: string;
    /** ARN of the KMS key the cluster encrypts ECS Exec sessions with, if any. */
    kmsKeyArn?: string;
}

/**
 * Task role permissions ECS Exec needs (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html,
 * "IAM permissions required for ECS Exec"): the four SSM message channels (AWS requires `*`), session logging to
 * the awslogs log group (the cluster's default `DEFAULT` logging writes sessions there; DescribeLogGroups takes
 * only `*`), and decrypt on exactly the cluster's session key when it has one.
 */
export function executeCommandPolicy(inputs: ExecuteCommandPolicyInputs): string {
    const statements: object[] = [
        {
            Sid: "EcsExec",
            Effect: "Allow",
            Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            Resource: "*",
        },
        { Sid: "EcsExecFindLogGroup", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        {
            Sid: "EcsExecLogSessions",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resource: `${inputs.logGroupArn.replace(/:\*$/, "")}:*`,
        },
    ];
    if (inputs.kmsKeyArn !== undefined) {
        statements.push({ Sid: "EcsExecDecryptSessions", Effect: "Allow", Action: "kms:Decrypt", Resource: inputs.kmsKeyArn });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Problems with a user's task-role policy document: not JSON, no statements, or an admin-style grant. */
export function checkTaskPolicyJson(arg: string, json: string): string | undefined {
    let document: any;
    try {
        document = JSON.parse(json);
    } catch {
        return `\`${arg}\` is not valid JSON; give an IAM policy document such as {"Version":"2012-10-17","Statement":[…]}.`;
    }
    const statements = asList(document?.Statement);
    if (statements.length === 0) {
        return `\`${arg}\` has no \`Statement\`; give an IAM policy document with at least one statement.`;
    }
    for (const statement of statements as any[]) {
        if (statement?.Effect !== "Allow") {
            continue;
        }
        const actions = asList(statement.Action).map(String);
        const resources = asList(statement.Resource).map(String);
        const wildcard = actions.find((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
        if (wildcard && resources.includes("*")) {
            return `\`${arg}\` allows "${wildcard}" on every resource ("*"); grant the specific actions the app needs on the specific resources it uses.`;
        }
        if (statement.NotAction !== undefined) {
            return `\`${arg}\` uses \`NotAction\` with Allow, which grants everything else; list the allowed actions in \`Action\` instead.`;
        }
    }
    return undefined;
}

/** One EFS file system the task mounts. */
export interface EfsGrant {
    fileSystemId: string;
    accessPointId?: string;
    readOnly: boolean;
}

/**
 * Task role permissions to mount EFS file systems: `ClientMount` (plus `ClientWrite` unless read-only) on each
 * file system only, through its access point when one is named.
 * Source: Amazon EFS user guide, "Using IAM to control file system data access".
 */
export function efsClientPolicy(clusterArn: string, grants: readonly EfsGrant[]): string {
    const { partition, region, account } = parseArn(clusterArn);
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: grants.map((g, i) => ({
            Sid: `EfsMount${i + 1}`,
            Effect: "Allow",
            Action: g.readOnly ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: `arn:${partition}:elasticfilesystem:${region}:${account}:file-system/${g.fileSystemId}`,
            ...(g.accessPointId !== undefined
                ? { Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": `arn:${partition}:elasticfilesystem:${region}:${account}:access-point/${g.accessPointId}` } } }
                : {}),
        })),
    });
}

/** Principal ECS itself (not its tasks) assumes infrastructure roles as. */
export const ECS_PRINCIPAL = "ecs.amazonaws.com";

/** Trust policy of the role ECS assumes to shift traffic: ECS of this account only. */
export function ecsInfrastructureTrustPolicy(clusterArn: string): string {
    const { account } = parseArn(clusterArn);
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "AllowAccessToECSForInfrastructureManagement",
            Effect: "Allow",
            Principal: { Service: ECS_PRINCIPAL },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": account } },
        }],
    });
}

/**
 * What ECS needs to run a blue/green, canary or linear deployment behind an application load balancer, scoped to
 * the service's own target groups and listener rules: the actions of AWS's
 * `AmazonECSInfrastructureRolePolicyForLoadBalancers`, with the describe calls (which take no resource ARNs) on `*`.
 * Source: ECS developer guide, "Amazon ECS infrastructure IAM role for load balancers".
 */
export function ecsInfrastructurePolicy(scope: { targetGroupArns: string[]; listenerRuleArns: string[] }): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DescribeLoadBalancing",
                Effect: "Allow",
                Action: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
                Resource: "*",
            },
            { Sid: "ShiftTraffic", Effect: "Allow", Action: "elasticloadbalancing:ModifyRule", Resource: scope.listenerRuleArns },
            { Sid: "RegisterTasks", Effect: "Allow", Action: ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"], Resource: scope.targetGroupArns },
        ],
    });
}
