/**
 * The key settings of each resource type, as a person reviewing a plan wants to see them next to the resource
 * (like the property list of `pulumi preview --diff`, but only what matters for security, cost and timing).
 */
import { RecordedResource } from "../sim/types";
import { arr, input, isSecret, obj } from "./values";

type Picker = (r: RecordedResource) => Record<string, unknown>;

function pick(r: RecordedResource, ...keys: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
        const raw = r.inputs[k];
        if (raw !== undefined) {
            out[k] = isSecret(raw) ? "[secret]" : input(r, k);
        }
    }
    return out;
}

function count(r: RecordedResource, key: string): number | undefined {
    const v = arr(input(r, key));
    return v.length > 0 ? v.length : undefined;
}

function containers(r: RecordedResource): string[] {
    const raw = input(r, "containerDefinitions");
    try {
        const list = typeof raw === "string" ? JSON.parse(raw) : raw;
        return arr(list).map((c) => {
            const o = obj(c);
            const image = typeof o.image === "string" ? o.image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]+$/, "@sha256:$1…") : "?";
            return `${o.name}=${image}`;
        });
    } catch {
        return [];
    }
}

const PICKERS: Record<string, Picker> = {
    "aws:ecr/repository:Repository": (r) => ({
        ...pick(r, "name", "imageTagMutability", "forceDelete"),
        scanOnPush: obj(input(r, "imageScanningConfiguration")).scanOnPush,
        encryption: obj(arr(input(r, "encryptionConfigurations"))[0]).encryptionType,
    }),
    "docker:index/image:Image": (r) => ({ ...pick(r, "imageName"), platform: obj(input(r, "build")).platform }),
    "aws:ecs/cluster:Cluster": (r) => ({ ...pick(r, "name"), containerInsights: arr(input(r, "settings")).map((s) => obj(s).value).join(",") || undefined }),
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": (r) => ({
        defaultStrategy: arr(input(r, "defaultCapacityProviderStrategies")).map((s) => {
            const o = obj(s);
            return `${o.capacityProvider}(base ${o.base ?? 0}, weight ${o.weight ?? 0})`;
        }).join(" + "),
    }),
    "aws:ecs/taskDefinition:TaskDefinition": (r) => ({
        ...pick(r, "family", "cpu", "memory", "networkMode"),
        architecture: obj(input(r, "runtimePlatform")).cpuArchitecture,
        containers: containers(r).join(", ") || undefined,
    }),
    "aws:ecs/service:Service": (r) => ({
        ...pick(r, "name", "desiredCount", "launchType", "waitForSteadyState", "healthCheckGracePeriodSeconds", "deploymentMinimumHealthyPercent", "deploymentMaximumPercent"),
        capacity: arr(input(r, "capacityProviderStrategies")).map((s) => `${obj(s).capacityProvider}:${obj(s).weight ?? 0}`).join(",") || undefined,
        assignPublicIp: obj(input(r, "networkConfiguration")).assignPublicIp,
        subnets: arr(obj(input(r, "networkConfiguration")).subnets).length || undefined,
        circuitBreaker: (() => {
            const cb = obj(input(r, "deploymentCircuitBreaker"));
            return cb.enable === undefined ? undefined : `${cb.enable ? "on" : "off"}${cb.rollback ? "+rollback" : ""}`;
        })(),
    }),
    "aws:lb/loadBalancer:LoadBalancer": (r) => ({ ...pick(r, "name", "internal", "loadBalancerType", "enableDeletionProtection", "dropInvalidHeaderFields"), subnets: count(r, "subnets") }),
    "aws:lb/targetGroup:TargetGroup": (r) => {
        const hc = obj(input(r, "healthCheck"));
        return {
            ...pick(r, "port", "protocol", "targetType", "deregistrationDelay"),
            healthCheck: hc.path === undefined ? undefined : `${hc.path} every ${hc.interval ?? 30}s, healthy after ${hc.healthyThreshold ?? 3}`,
        };
    },
    "aws:lb/listener:Listener": (r) => ({
        ...pick(r, "port", "protocol", "sslPolicy"),
        action: arr(input(r, "defaultActions")).map((a) => obj(a).type).join(","),
    }),
    "aws:ec2/vpc:Vpc": (r) => pick(r, "cidrBlock", "enableDnsHostnames"),
    "aws:ec2/subnet:Subnet": (r) => pick(r, "cidrBlock", "availabilityZone", "mapPublicIpOnLaunch"),
    "aws:ec2/natGateway:NatGateway": (r) => pick(r, "connectivityType"),
    "aws:ec2/eip:Eip": (r) => pick(r, "domain"),
    "aws:ec2/vpcEndpoint:VpcEndpoint": (r) => ({ ...pick(r, "serviceName", "vpcEndpointType", "privateDnsEnabled"), subnets: count(r, "subnetIds") }),
    "aws:ec2/securityGroup:SecurityGroup": (r) => pick(r, "description"),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (r) => ({
        ...pick(r, "ipProtocol", "fromPort", "toPort", "cidrIpv4"),
        source: r.inputs.referencedSecurityGroupId !== undefined ? "security group" : undefined,
    }),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (r) => ({
        ...pick(r, "ipProtocol", "fromPort", "toPort", "cidrIpv4"),
        destination: r.inputs.referencedSecurityGroupId !== undefined ? "security group" : undefined,
    }),
    "aws:cloudwatch/logGroup:LogGroup": (r) => pick(r, "name", "retentionInDays"),
    "aws:iam/role:Role": (r) => ({ trust: arr(obj(safeJson(input(r, "assumeRolePolicy"))).Statement).map((s) => JSON.stringify(obj(obj(s).Principal).Service ?? obj(s).Principal)).join(",") || undefined }),
    "aws:iam/rolePolicy:RolePolicy": (r) => ({ statements: arr(obj(safeJson(input(r, "policy"))).Statement).length || undefined }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (r) => pick(r, "policyArn"),
    "aws:appautoscaling/target:Target": (r) => pick(r, "minCapacity", "maxCapacity"),
    "aws:appautoscaling/policy:Policy": (r) => {
        const t = obj(input(r, "targetTrackingScalingPolicyConfiguration"));
        const metric = obj(t.predefinedMetricSpecification).predefinedMetricType;
        return { ...pick(r, "policyType"), target: metric === undefined ? undefined : `${metric} at ${t.targetValue}` };
    },
    "aws:appautoscaling/scheduledAction:ScheduledAction": (r) => ({ ...pick(r, "schedule"), capacity: (() => {
        const a = obj(input(r, "scalableTargetAction"));
        return a.minCapacity === undefined && a.maxCapacity === undefined ? undefined : `${a.minCapacity ?? "-"}..${a.maxCapacity ?? "-"}`;
    })() }),
};
PICKERS["aws:alb/loadBalancer:LoadBalancer"] = PICKERS["aws:lb/loadBalancer:LoadBalancer"];
PICKERS["aws:alb/targetGroup:TargetGroup"] = PICKERS["aws:lb/targetGroup:TargetGroup"];
PICKERS["aws:alb/listener:Listener"] = PICKERS["aws:lb/listener:Listener"];

function safeJson(v: unknown): unknown {
    if (typeof v !== "string") {
        return v;
    }
    try {
        return JSON.parse(v);
    } catch {
        return undefined;
    }
}

/** The key settings of a resource, without the ones that are unset. */
export function keySettings(r: RecordedResource): Record<string, unknown> {
    const picked = PICKERS[r.type]?.(r) ?? {};
    return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined && v !== ""));
}

/** The key settings as `k=v` words. */
export function settingsText(r: RecordedResource): string {
    return Object.entries(keySettings(r)).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
}
