/**
 * Fixture builders for the policy tests: a compliant stack of one load-balanced Fargate service, and runners that
 * call a policy's `validateResource`/`validateStack` with arguments shaped as `@pulumi/policy`'s server builds them
 * (props behind the unknown-checking proxy, property dependencies resolved to resources).
 */
import * as path from "path";
import {
    PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy, unknownCheckingProxy, UnknownValueError,
} from "@pulumi/policy";
import { AnalyzeResult, Diagnostic, loadPolicyConfig, PolicyPackConfigFile } from "../../plan/analyzer";

/** A demo stack's config file shipped with the pack: `policy/config/<stack>.json`. */
export function stackPolicyConfig(stack: "dev" | "prod"): PolicyPackConfigFile {
    return loadPolicyConfig(path.join(__dirname, "..", "..", "policy", "config", `${stack}.json`));
}

/** Diagnostics that are violations at `level` or stricter (`mandatory` only, or `advisory` and `mandatory`). */
export function violations(result: AnalyzeResult, level: "mandatory" | "advisory" = "advisory"): Diagnostic[] {
    return result.diagnostics.filter((d) => d.enforcementLevel === "mandatory" || (level === "advisory" && d.enforcementLevel === "advisory"));
}

/** The wire placeholder of a string not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const ACCOUNT = "123456789012";
const arn = (service: string, resource: string, region = "us-east-1") => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;

export interface FixtureResource {
    type: string;
    name: string;
    props: Record<string, any>;
    /** Property name → logical names of the resources it depends on. */
    deps: Record<string, string[]>;
}

export function urnOf(r: { type: string; name: string }): string {
    return `urn:pulumi:test::ecs-fargate::${r.type}::${r.name}`;
}

export const KMS_KEY = arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
export const CERT = arn("acm", "certificate/abcd");
const TG_ARN = arn("elasticloadbalancing", "targetgroup/app/0123456789abcdef");
const ALB_ARN = arn("elasticloadbalancing", "loadbalancer/app/app/0123456789abcdef");
const LOG_GROUP_ARN = arn("logs", "log-group:/ecs/app");
const EXEC_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-exec`;
const TASK_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-task`;
const CLUSTER_ARN = arn("ecs", "cluster/app");
const TASKDEF_ARN = arn("ecs", "task-definition/app:1");

export function trustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        }],
    });
}

export function container(): Record<string, any> {
    return {
        name: "app",
        image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${"a".repeat(64)}`,
        essential: true,
        readonlyRootFilesystem: true,
        user: "1000:1000",
        portMappings: [{ containerPort: 8080, protocol: "tcp" }],
        environment: [{ name: "PORT", value: "8080" }],
        secrets: [{ name: "DB_PASSWORD", valueFrom: arn("secretsmanager", "secret:db-AbCdEf") }],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" } },
        healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"] },
    };
}

const r = (type: string, name: string, props: Record<string, any>, deps: Record<string, string[]> = {}): FixtureResource => ({ type, name, props, deps });

/** A compliant stack: one load-balanced Fargate service with its image repository, roles, logs and network. */
export function baselineStack(): FixtureResource[] {
    return [
        r("aws:ecr/repository:Repository", "app-repo", {
            name: "app", id: "app", arn: arn("ecr", "repository/app"),
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KMS_KEY }],
        }),
        r("aws:ecr/lifecyclePolicy:LifecyclePolicy", "app-repo-lifecycle", {
            repository: "app", id: "app",
            policy: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } }] }),
        }, { repository: ["app-repo"] }),
        r("aws:ecr/repositoryPolicy:RepositoryPolicy", "app-repo-policy", {
            repository: "app",
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["ecr:BatchGetImage"] }] }),
        }, { repository: ["app-repo"] }),
        r("aws:ecs/cluster:Cluster", "app-cluster", {
            name: "app", id: CLUSTER_ARN, arn: CLUSTER_ARN,
            settings: [{ name: "containerInsights", value: "enhanced" }],
            configuration: {
                executeCommandConfiguration: { kmsKeyId: KMS_KEY, logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: "/ecs/exec", cloudWatchEncryptionEnabled: true } },
                managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: KMS_KEY },
            },
            tags: { Environment: "prod" },
        }),
        r("aws:cloudwatch/logGroup:LogGroup", "app-logs", { name: "/ecs/app", id: "/ecs/app", arn: LOG_GROUP_ARN, retentionInDays: 365, kmsKeyId: KMS_KEY }),
        r("aws:iam/role:Role", "app-exec-role", { name: "app-exec", id: "app-exec", arn: EXEC_ROLE_ARN, assumeRolePolicy: trustPolicy() }),
        r("aws:iam/rolePolicy:RolePolicy", "app-exec-policy", {
            role: "app-exec", name: "app-exec-policy",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [
                { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: arn("ecr", "repository/app") },
                { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${LOG_GROUP_ARN}:*` },
            ] }),
        }, { role: ["app-exec-role"] }),
        r("aws:iam/role:Role", "app-task-role", { name: "app-task", id: "app-task", arn: TASK_ROLE_ARN, assumeRolePolicy: trustPolicy() }),
        r("aws:iam/rolePolicy:RolePolicy", "app-task-policy", {
            role: "app-task", name: "app-task-policy",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::app-assets/*" }] }),
        }, { role: ["app-task-role"] }),
        r("aws:ecs/taskDefinition:TaskDefinition", "app-task", {
            family: "app", id: "app", arn: TASKDEF_ARN,
            networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512",
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
            executionRoleArn: EXEC_ROLE_ARN, taskRoleArn: TASK_ROLE_ARN,
            containerDefinitions: JSON.stringify([container()]),
            tags: { Environment: "prod" },
        }, { executionRoleArn: ["app-exec-role"], taskRoleArn: ["app-task-role"], containerDefinitions: ["app-logs"] }),
        r("aws:ec2/securityGroup:SecurityGroup", "app-alb-sg", { id: "sg-alb", name: "app-alb", vpcId: "vpc-1", description: "Load balancer: HTTP(S) from the internet" }),
        r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-alb-https", {
            securityGroupId: "sg-alb", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS from the internet",
        }, { securityGroupId: ["app-alb-sg"] }),
        r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-alb-http", {
            securityGroupId: "sg-alb", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv6: "::/0", description: "HTTP (redirected) from the internet",
        }, { securityGroupId: ["app-alb-sg"] }),
        r("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "app-alb-to-tasks", {
            securityGroupId: "sg-alb", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-task", description: "To the tasks",
        }, { securityGroupId: ["app-alb-sg"], referencedSecurityGroupId: ["app-task-sg"] }),
        r("aws:ec2/securityGroup:SecurityGroup", "app-task-sg", { id: "sg-task", name: "app-task", vpcId: "vpc-1", description: "Tasks: the container port from the load balancer" }),
        r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-task-from-alb", {
            securityGroupId: "sg-task", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-alb", description: "From the load balancer",
        }, { securityGroupId: ["app-task-sg"], referencedSecurityGroupId: ["app-alb-sg"] }),
        r("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "app-task-https-out", {
            securityGroupId: "sg-task", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS to AWS APIs",
        }, { securityGroupId: ["app-task-sg"] }),
        r("aws:lb/loadBalancer:LoadBalancer", "app-alb", {
            id: ALB_ARN, arn: ALB_ARN, name: "app",
            loadBalancerType: "application", internal: false, dropInvalidHeaderFields: true, desyncMitigationMode: "strictest",
            accessLogs: { bucket: "app-alb-logs", enabled: true }, enableDeletionProtection: true,
            subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-alb"],
        }, { securityGroups: ["app-alb-sg"] }),
        r("aws:wafv2/webAclAssociation:WebAclAssociation", "app-alb-waf", {
            resourceArn: ALB_ARN, webAclArn: arn("wafv2", "regional/webacl/app/1"),
        }, { resourceArn: ["app-alb"] }),
        r("aws:lb/targetGroup:TargetGroup", "app-tg", {
            id: TG_ARN, arn: TG_ARN, name: "app",
            targetType: "ip", protocol: "HTTP", port: 8080, vpcId: "vpc-1",
            healthCheck: { enabled: true, path: "/health", matcher: "200" },
        }),
        r("aws:lb/listener:Listener", "app-https", {
            arn: arn("elasticloadbalancing", "listener/app/app/1/443"),
            loadBalancerArn: ALB_ARN, port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", certificateArn: CERT,
            defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }],
        }, { loadBalancerArn: ["app-alb"], defaultActions: ["app-tg"] }),
        r("aws:lb/listener:Listener", "app-http", {
            arn: arn("elasticloadbalancing", "listener/app/app/1/80"),
            loadBalancerArn: ALB_ARN, port: 80, protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        }, { loadBalancerArn: ["app-alb"] }),
        r("aws:ecs/service:Service", "app-service", {
            id: arn("ecs", "service/app/app"), arn: arn("ecs", "service/app/app"), name: "app",
            cluster: CLUSTER_ARN, taskDefinition: TASKDEF_ARN, launchType: "FARGATE", desiredCount: 2,
            deploymentCircuitBreaker: { enable: true, rollback: true },
            deploymentMinimumHealthyPercent: 100,
            networkConfiguration: { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-task"], assignPublicIp: false },
            loadBalancers: [{ targetGroupArn: TG_ARN, containerName: "app", containerPort: 8080 }],
            healthCheckGracePeriodSeconds: 60, waitForSteadyState: true,
            tags: { Environment: "prod" },
        }, { cluster: ["app-cluster"], taskDefinition: ["app-task"], networkConfiguration: ["app-task-sg"], loadBalancers: ["app-tg"] }),
    ];
}

/** The resource of a fixture stack with this logical name. */
export function find(stack: FixtureResource[], name: string): FixtureResource {
    const found = stack.find((x) => x.name === name);
    if (!found) {
        throw new Error(`no fixture resource named ${name}`);
    }
    return found;
}

/** The props of one baseline resource, or of `stack`'s. */
export function propsOf(name: string, stack: FixtureResource[] = baselineStack()): Record<string, any> {
    return find(stack, name).props;
}

export function typeOf(name: string): string {
    return find(baselineStack(), name).type;
}

class NotApplicableSignal extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "not applicable");
    }
}

export interface ResourceOutcome {
    violations: string[];
    notApplicable?: string;
    /** Set when the policy read a value not known during preview (the engine then reports "can't run"). */
    unknown?: UnknownValueError;
}

function clone<T>(v: T): T {
    return JSON.parse(JSON.stringify(v));
}

/** Calls `validateResource` as the pack's server does and returns what it reported. */
export async function runResource(
    policy: ResourceValidationPolicy, type: string, props: Record<string, any>, config: object = {}, name = "subject",
): Promise<ResourceOutcome> {
    const violations: string[] = [];
    const args = {
        type,
        props: unknownCheckingProxy(clone(props)),
        urn: urnOf({ type, name }),
        name,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map<string, string>(),
        isType: () => false,
        asType: () => undefined,
        getConfig: () => config,
        notApplicable: (reason?: string) => {
            throw new NotApplicableSignal(reason);
        },
    } as unknown as ResourceValidationArgs;
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    try {
        for (const v of validations) {
            await v(args, (message) => violations.push(typeof message === "string" ? message : String(message)));
        }
    } catch (e) {
        if (e instanceof NotApplicableSignal) {
            return { violations, notApplicable: e.reason };
        }
        if (e instanceof UnknownValueError) {
            return { violations, unknown: e };
        }
        throw e;
    }
    return { violations };
}

export interface StackOutcome {
    violations: { message: string; name?: string }[];
    unknown?: UnknownValueError;
}

/** Calls `validateStack` with the fixture resources wired as the server wires them. */
export async function runStack(policy: StackValidationPolicy, stack: FixtureResource[], config: object = {}): Promise<StackOutcome> {
    const resources = stack.map((f) => ({
        type: f.type,
        name: f.name,
        urn: urnOf(f),
        props: unknownCheckingProxy(clone(f.props)),
        opts: {},
        dependencies: [] as PolicyResource[],
        propertyDependencies: {} as Record<string, PolicyResource[]>,
        isType: () => false,
        asType: () => undefined,
    })) as unknown as PolicyResource[];
    const byName = new Map(resources.map((x) => [x.name, x]));
    stack.forEach((f, i) => {
        for (const [prop, names] of Object.entries(f.deps)) {
            resources[i].propertyDependencies[prop] = names.map((n) => byName.get(n)).filter((x): x is PolicyResource => !!x);
            resources[i].dependencies.push(...resources[i].propertyDependencies[prop]);
        }
    });
    const violations: StackOutcome["violations"] = [];
    const urnToName = new Map(resources.map((x) => [x.urn, x.name]));
    const args = {
        resources,
        getConfig: () => config,
        stackTags: new Map<string, string>(),
        notApplicable: (reason?: string) => {
            throw new NotApplicableSignal(reason);
        },
    };
    try {
        await policy.validateStack(args as any, (message, urn) => violations.push({ message: String(message), name: urn ? urnToName.get(urn) : undefined }));
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return { violations, unknown: e };
        }
        throw e;
    }
    return { violations };
}

/** The same stack without any recorded property dependencies (as after an update recorded only outputs). */
export function withoutDependencies(stack: FixtureResource[]): FixtureResource[] {
    return stack.map((f) => ({ ...f, deps: {} }));
}
