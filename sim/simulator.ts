/**
 * A simulated AWS: given a resource's type, name and inputs, it returns the outputs AWS and the Docker provider
 * would compute (ids, ARNs, DNS names, repository URLs, image digests), deterministically and offline.
 * It is the one simulator of this repository: the unit tests' mocks, the gRPC test engine and the offline plan
 * all call it, so they agree on what a deployment yields.
 */
import { createHash } from "crypto";
import { UNKNOWN } from "./types";

/** The account every simulated resource lives in. */
export const SIMULATED_ACCOUNT_ID = "123456789012";
/** The region used when the program's configuration names none. */
export const DEFAULT_SIMULATED_REGION = "us-east-1";
/** The partition of every simulated ARN. */
export const SIMULATED_PARTITION = "aws";

/** Where and how a resource is being simulated. */
export interface SimulationContext {
    /** AWS region, e.g. `us-east-1`. */
    region: string;
    /** True during a preview: values AWS computes are then unknown. */
    preview: boolean;
}

/** What the simulated provider answers for one resource. */
export interface SimulatedResource {
    id: string;
    outputs: Record<string, unknown>;
}

/** A short, stable hex digest of the given parts. */
export function stableHash(parts: string[], length = 17): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, length);
}

function arn(service: string, ctx: SimulationContext, resource: string, regional = true): string {
    return `arn:${SIMULATED_PARTITION}:${service}:${regional ? ctx.region : ""}:${SIMULATED_ACCOUNT_ID}:${resource}`;
}

function str(value: unknown, fallback: string): string {
    return typeof value === "string" && value !== UNKNOWN ? value : fallback;
}

/** The physical name AWS would use: the given `name`, else `namePrefix` + suffix, else the logical name + suffix. */
function physicalName(inputs: Record<string, unknown>, name: string, suffixSeed: string): string {
    if (typeof inputs.name === "string") {
        return inputs.name;
    }
    const prefix = typeof inputs.namePrefix === "string" ? inputs.namePrefix : `${name}-`;
    return `${prefix}${stableHash([suffixSeed], 7)}`;
}

type Computer = (name: string, inputs: Record<string, unknown>, ctx: SimulationContext) => { id: string; computed: Record<string, unknown> };

/** Per type token: how AWS names the resource and what it computes. */
const COMPUTERS: Record<string, Computer> = {
    "aws:ecr/repository:Repository": (name, inputs, ctx) => {
        const repoName = str(inputs.name, name);
        return {
            id: repoName,
            computed: {
                name: repoName,
                arn: arn("ecr", ctx, `repository/${repoName}`),
                registryId: SIMULATED_ACCOUNT_ID,
                repositoryUrl: `${SIMULATED_ACCOUNT_ID}.dkr.ecr.${ctx.region}.amazonaws.com/${repoName}`,
            },
        };
    },
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": (name, inputs) => ({
        id: str(inputs.repository, name),
        computed: { registryId: SIMULATED_ACCOUNT_ID },
    }),
    "aws:ecr/repositoryPolicy:RepositoryPolicy": (name, inputs) => ({
        id: str(inputs.repository, name),
        computed: { registryId: SIMULATED_ACCOUNT_ID },
    }),
    "docker:index/image:Image": (name, inputs) => {
        const imageName = str(inputs.imageName, name);
        const repo = imageName.replace(/:[^/:]+$/, "");
        const digest = `sha256:${createHash("sha256").update(imageName).digest("hex")}`;
        return { id: `${repo}@${digest}`, computed: { baseImageName: imageName, repoDigest: `${repo}@${digest}` } };
    },
    "aws:ecs/cluster:Cluster": (name, inputs, ctx) => {
        const clusterName = physicalName(inputs, name, name);
        const clusterArn = arn("ecs", ctx, `cluster/${clusterName}`);
        return { id: clusterArn, computed: { name: clusterName, arn: clusterArn } };
    },
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": (name, inputs) => ({
        id: str(inputs.clusterName, name),
        computed: {},
    }),
    "aws:ecs/taskDefinition:TaskDefinition": (name, inputs, ctx) => {
        const family = str(inputs.family, name);
        const taskArn = arn("ecs", ctx, `task-definition/${family}:1`);
        return { id: family, computed: { arn: taskArn, arnWithoutRevision: arn("ecs", ctx, `task-definition/${family}`), revision: 1 } };
    },
    "aws:ecs/service:Service": (name, inputs, ctx) => {
        const serviceName = str(inputs.name, name);
        const clusterName = str(inputs.cluster, "default").split("/").pop();
        const serviceArn = arn("ecs", ctx, `service/${clusterName}/${serviceName}`);
        return { id: serviceArn, computed: { name: serviceName, arn: serviceArn } };
    },
    "aws:cloudwatch/logGroup:LogGroup": (name, inputs, ctx) => {
        const groupName = physicalName(inputs, name, name);
        return { id: groupName, computed: { name: groupName, arn: arn("logs", ctx, `log-group:${groupName}`) } };
    },
    "aws:iam/role:Role": (name, inputs, ctx) => {
        const roleName = physicalName(inputs, name, name);
        return {
            id: roleName,
            computed: { name: roleName, arn: arn("iam", ctx, `role/${roleName}`, false), uniqueId: `AROA${stableHash([roleName], 17).toUpperCase()}` },
        };
    },
    "aws:iam/rolePolicy:RolePolicy": (name, inputs) => {
        const policyName = physicalName(inputs, name, name);
        return { id: `${str(inputs.role, "role")}:${policyName}`, computed: { name: policyName } };
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (name, inputs) => ({
        id: `${str(inputs.role, "role")}-${stableHash([name], 8)}`,
        computed: {},
    }),
    "aws:iam/policy:Policy": (name, inputs, ctx) => {
        const policyName = physicalName(inputs, name, name);
        return { id: arn("iam", ctx, `policy/${policyName}`, false), computed: { name: policyName, arn: arn("iam", ctx, `policy/${policyName}`, false) } };
    },
    "aws:ec2/vpc:Vpc": (name) => ({ id: `vpc-${stableHash([name])}`, computed: { defaultSecurityGroupId: `sg-${stableHash([name, "default"])}` } }),
    "aws:ec2/subnet:Subnet": (name) => ({ id: `subnet-${stableHash([name])}`, computed: {} }),
    "aws:ec2/internetGateway:InternetGateway": (name) => ({ id: `igw-${stableHash([name])}`, computed: {} }),
    "aws:ec2/routeTable:RouteTable": (name) => ({ id: `rtb-${stableHash([name])}`, computed: {} }),
    "aws:ec2/route:Route": (name) => ({ id: `r-${stableHash([name])}`, computed: {} }),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": (name) => ({ id: `rtbassoc-${stableHash([name])}`, computed: {} }),
    "aws:ec2/eip:Eip": (name) => {
        const octets = stableHash([name], 4);
        return {
            id: `eipalloc-${stableHash([name])}`,
            computed: { allocationId: `eipalloc-${stableHash([name])}`, publicIp: `203.0.113.${parseInt(octets, 16) % 250 + 1}` },
        };
    },
    "aws:ec2/natGateway:NatGateway": (name) => ({ id: `nat-${stableHash([name])}`, computed: {} }),
    "aws:ec2/vpcEndpoint:VpcEndpoint": (name, inputs, ctx) => ({
        id: `vpce-${stableHash([name])}`,
        computed: { arn: arn("ec2", ctx, `vpc-endpoint/vpce-${stableHash([name])}`) },
    }),
    "aws:ec2/securityGroup:SecurityGroup": (name, inputs, ctx) => {
        const id = `sg-${stableHash([name])}`;
        return { id, computed: { arn: arn("ec2", ctx, `security-group/${id}`), name: physicalName(inputs, name, name), ownerId: SIMULATED_ACCOUNT_ID } };
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (name, inputs, ctx) => {
        const id = `sgr-${stableHash([name])}`;
        return { id, computed: { arn: arn("ec2", ctx, `security-group-rule/${id}`), securityGroupRuleId: id } };
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (name, inputs, ctx) => {
        const id = `sgr-${stableHash([name])}`;
        return { id, computed: { arn: arn("ec2", ctx, `security-group-rule/${id}`), securityGroupRuleId: id } };
    },
    "aws:lb/loadBalancer:LoadBalancer": (name, inputs, ctx) => {
        const lbName = physicalName(inputs, name, name);
        const suffix = stableHash([lbName], 16);
        const lbArn = arn("elasticloadbalancing", ctx, `loadbalancer/app/${lbName}/${suffix}`);
        const scheme = inputs.internal === true ? "internal-" : "";
        return {
            id: lbArn,
            computed: {
                name: lbName,
                arn: lbArn,
                arnSuffix: `app/${lbName}/${suffix}`,
                dnsName: `${scheme}${lbName}-${parseInt(suffix.slice(0, 8), 16)}.${ctx.region}.elb.amazonaws.com`,
                zoneId: "Z35SXDOTRQ7X7K",
            },
        };
    },
    "aws:lb/targetGroup:TargetGroup": (name, inputs, ctx) => {
        const tgName = physicalName(inputs, name, name);
        const suffix = stableHash([tgName], 16);
        const tgArn = arn("elasticloadbalancing", ctx, `targetgroup/${tgName}/${suffix}`);
        return { id: tgArn, computed: { name: tgName, arn: tgArn, arnSuffix: `targetgroup/${tgName}/${suffix}` } };
    },
    "aws:lb/listener:Listener": (name, inputs, ctx) => {
        const lbPart = str(inputs.loadBalancerArn, "loadbalancer/app/lb/0").split(":loadbalancer/")[1] ?? "app/lb/0";
        const listenerArn = arn("elasticloadbalancing", ctx, `listener/${lbPart}/${stableHash([name], 16)}`);
        return { id: listenerArn, computed: { arn: listenerArn } };
    },
    "aws:lb/listenerRule:ListenerRule": (name, inputs, ctx) => {
        // A rule's ARN extends its listener's: listener-rule/app/<lb>/<lb id>/<listener id>/<rule id>.
        const listenerPart = str(inputs.listenerArn, "listener/app/lb/0/0").split(":listener/")[1] ?? "app/lb/0/0";
        const ruleArn = arn("elasticloadbalancing", ctx, `listener-rule/${listenerPart}/${stableHash([name], 16)}`);
        return { id: ruleArn, computed: { arn: ruleArn } };
    },
    "aws:sqs/queue:Queue": (name, inputs, ctx) => {
        const queueName = physicalName(inputs, name, name);
        const url = `https://sqs.${ctx.region}.amazonaws.com/${SIMULATED_ACCOUNT_ID}/${queueName}`;
        return { id: url, computed: { name: queueName, url, arn: arn("sqs", ctx, queueName) } };
    },
    "aws:appautoscaling/target:Target": (name, inputs) => ({
        id: str(inputs.resourceId, name),
        computed: {},
    }),
    "aws:appautoscaling/policy:Policy": (name, inputs, ctx) => ({
        id: physicalName(inputs, name, name),
        computed: { arn: arn("autoscaling", ctx, `scalingPolicy:${stableHash([name])}:resource/ecs/${physicalName(inputs, name, name)}`) },
    }),
    "aws:appautoscaling/scheduledAction:ScheduledAction": (name, inputs, ctx) => ({
        id: physicalName(inputs, name, name),
        computed: { arn: arn("autoscaling", ctx, `scheduledAction:${stableHash([name])}:scheduledActionName/${physicalName(inputs, name, name)}`) },
    }),
    "aws:servicediscovery/httpNamespace:HttpNamespace": (name, inputs, ctx) => {
        const id = `ns-${stableHash([name], 16)}`;
        return { id, computed: { arn: arn("servicediscovery", ctx, `namespace/${id}`) } };
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": (name) => ({ id: stableHash([name]), computed: {} }),
};

/** Every type token the simulator knows how to create. */
export const SIMULATED_TYPES: readonly string[] = Object.keys(COMPUTERS);

/**
 * Simulates creating one resource. During a preview the values AWS computes are unknown, exactly as
 * `pulumi preview` shows them; inputs always pass through to outputs.
 */
export function simulateResource(type: string, name: string, inputs: Record<string, unknown>, ctx: SimulationContext): SimulatedResource {
    const computer = COMPUTERS[type];
    const { id, computed } = computer
        ? computer(name, inputs, ctx)
        : { id: `${name}-${stableHash([type, name], 8)}`, computed: {} as Record<string, unknown> };
    if (ctx.preview) {
        const unknowns = Object.fromEntries(Object.keys(computed).filter((k) => !(k in inputs)).map((k) => [k, UNKNOWN]));
        return { id: "", outputs: { ...inputs, ...unknowns } };
    }
    return { id, outputs: { ...inputs, ...computed } };
}

/** One zone as DescribeAvailabilityZones describes it. */
interface SimulatedZone {
    name: string;
    zoneId: string;
    groupName: string;
    zoneType: "availability-zone" | "local-zone" | "wavelength-zone";
    optInStatus: "opt-in-not-required" | "opted-in";
    state: "available";
}

/**
 * The zones of a region as an account with a Local Zone and a Wavelength Zone opted in sees them, sorted by name as
 * AWS lists them: `us-east-1-bos-1a` sorts before `us-east-1a`, so a program that takes the first names without
 * filtering gets the Local Zone.
 */
export function simulatedZones(region: string): SimulatedZone[] {
    const regular = ["a", "b", "c", "d", "e", "f"].map((letter, i): SimulatedZone => ({
        name: `${region}${letter}`, zoneId: `use1-az${i + 1}`, groupName: region,
        zoneType: "availability-zone", optInStatus: "opt-in-not-required", state: "available",
    }));
    const opted: SimulatedZone[] = [
        { name: `${region}-bos-1a`, zoneId: "use1-bos1-az1", groupName: `${region}-bos-1`, zoneType: "local-zone", optInStatus: "opted-in", state: "available" },
        { name: `${region}-wl1-bos-wlz-1`, zoneId: "use1-wl1-bos-wlz1", groupName: `${region}-wl1`, zoneType: "wavelength-zone", optInStatus: "opted-in", state: "available" },
    ];
    return [...regular, ...opted].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The DescribeAvailabilityZones filter names the simulator answers, and the zone field each reads. */
const ZONE_FILTERS: Record<string, keyof SimulatedZone> = {
    "opt-in-status": "optInStatus",
    "zone-type": "zoneType",
    "zone-name": "name",
    "zone-id": "zoneId",
    "group-name": "groupName",
    state: "state",
};

function zoneMatches(zone: SimulatedZone, args: Record<string, unknown>): boolean {
    if (typeof args.state === "string" && zone.state !== args.state) {
        return false;
    }
    const filters = Array.isArray(args.filters) ? args.filters as { name: string; values: string[] }[] : [];
    return filters.every((filter) => {
        const field = ZONE_FILTERS[filter.name];
        if (!field) {
            throw new Error(`The simulated AWS cannot filter zones by ${filter.name}; add it to sim/simulator.ts.`);
        }
        return filter.values.includes(zone[field]);
    });
}

/** Simulates the data sources (invokes) the components and their providers call. */
export function simulateInvoke(token: string, args: Record<string, unknown>, ctx: SimulationContext): Record<string, unknown> {
    switch (token) {
        case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
            return {
                id: ctx.region,
                authorizationToken: Buffer.from("AWS:simulated-password").toString("base64"),
                userName: "AWS",
                password: "simulated-password",
                proxyEndpoint: `https://${str(args.registryId, SIMULATED_ACCOUNT_ID)}.dkr.ecr.${ctx.region}.amazonaws.com`,
                expiresAt: "2026-11-23T00:00:00Z",
            };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const zones = simulatedZones(ctx.region).filter((z) => zoneMatches(z, args));
            return {
                id: ctx.region,
                names: zones.map((z) => z.name),
                zoneIds: zones.map((z) => z.zoneId),
                groupNames: zones.map((z) => z.groupName),
            };
        }
        case "aws:index/getRegion:getRegion":
            return { id: ctx.region, name: ctx.region, region: ctx.region, endpoint: `ec2.${ctx.region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { id: SIMULATED_PARTITION, partition: SIMULATED_PARTITION, dnsSuffix: "amazonaws.com" };
        default:
            throw new Error(`The simulated AWS has no data source ${token}; add it to sim/simulator.ts.`);
    }
}
