/**
 * Monthly cost estimate of a recorded stack: always-on hourly charges priced from `prices.ts` at 730 hours a
 * month, per resource, rounded to the cent per line; traffic- and usage-priced items listed with their unit prices,
 * never guessed.
 */
import { RecordedResource } from "../sim/types";
import { HOURS_PER_MONTH, PriceKey, PRICES, SPOT_PRICE_FACTOR } from "./prices";
import { arr, input, num, obj, plain, ResourceGraph, str } from "./values";

export const TYPES = {
    service: "aws:ecs/service:Service",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    cluster: "aws:ecs/cluster:Cluster",
    clusterCapacityProviders: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    loadBalancers: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    targetGroups: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    natGateway: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    repository: "aws:ecr/repository:Repository",
    scalingTarget: "aws:appautoscaling/target:Target",
} as const;

/** One always-on charge of one resource. */
export interface CostLine {
    urn: string;
    type: string;
    name: string;
    /** Name of the component the resource belongs to, if any. */
    component?: string;
    /** What is charged, with its quantities, e.g. `Fargate on-demand ARM64: 1 task × (0.25 vCPU + 0.5 GB)`. */
    item: string;
    /** Exact hourly charge in US dollars. */
    hourlyUsd: number;
    /** Hourly charge × 730, rounded to the cent. */
    monthlyUsd: number;
    /** The price-table entries used. */
    prices: PriceKey[];
}

/** A charge that depends on traffic or usage: listed with its unit prices, not estimated. */
export interface UsageLine {
    urn: string;
    type: string;
    name: string;
    component?: string;
    item: string;
    prices: PriceKey[];
}

/** How the tasks of one service are counted and where they run. */
export interface ServiceTasks {
    urn: string;
    name: string;
    desiredCount: number;
    onDemandTasks: number;
    spotTasks: number;
    architecture: "X86_64" | "ARM64";
    vcpu: number;
    memoryGb: number;
    publicIp: boolean;
    /** Where the capacity strategy came from. */
    strategySource: string;
    /** Monthly Fargate (and task IPv4) cost at the autoscaling bounds, when the service scales. */
    autoscaling?: { minCapacity: number; maxCapacity: number; monthlyUsdAtMin: number; monthlyUsdAtMax: number };
}

export interface CostReport {
    lines: CostLine[];
    /** Sum of the rounded monthly lines. */
    totalMonthlyUsd: number;
    usage: UsageLine[];
    services: ServiceTasks[];
    assumptions: string[];
    warnings: string[];
}

/** A capacity provider strategy item as the provider records it. */
export interface StrategyItem {
    capacityProvider: string;
    base?: number;
    weight?: number;
}

/** Rounds dollars to the cent, half up, immune to binary noise (16.425 → 16.43). */
export function toCents(usd: number): number {
    return Math.round(Number((usd * 100).toFixed(6)));
}

/** Monthly dollars, rounded to the cent, of an hourly charge. */
export function monthly(hourlyUsd: number): number {
    return toCents(hourlyUsd * HOURS_PER_MONTH) / 100;
}

/**
 * Splits `count` tasks over FARGATE and FARGATE_SPOT as ECS does: each provider's `base` first (in strategy
 * order), the rest in proportion to the weights (fractions kept: the estimate is an average).
 */
export function splitTasks(count: number, strategy: StrategyItem[]): { onDemand: number; spot: number; other: number } {
    const alloc = new Map<string, number>();
    let remaining = count;
    for (const item of strategy) {
        const base = Math.min(remaining, item.base ?? 0);
        alloc.set(item.capacityProvider, (alloc.get(item.capacityProvider) ?? 0) + base);
        remaining -= base;
    }
    const totalWeight = strategy.reduce((s, i) => s + (i.weight ?? 0), 0);
    for (const item of strategy) {
        const share = totalWeight > 0 ? (remaining * (item.weight ?? 0)) / totalWeight : item === strategy[0] ? remaining : 0;
        alloc.set(item.capacityProvider, (alloc.get(item.capacityProvider) ?? 0) + share);
    }
    const onDemand = alloc.get("FARGATE") ?? 0;
    const spot = alloc.get("FARGATE_SPOT") ?? 0;
    return { onDemand, spot, other: count - onDemand - spot };
}

/** Hourly on-demand price of one task of this size and architecture. */
export function taskHourlyUsd(vcpu: number, memoryGb: number, architecture: "X86_64" | "ARM64"): number {
    return architecture === "ARM64"
        ? vcpu * PRICES.fargateArmVcpuHour.usd + memoryGb * PRICES.fargateArmGbHour.usd
        : vcpu * PRICES.fargateX86VcpuHour.usd + memoryGb * PRICES.fargateX86GbHour.usd;
}

function fmt(n: number): string {
    return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function tasksWord(n: number): string {
    return `${fmt(n)} task${n === 1 ? "" : "s"}`;
}

function toStrategy(items: unknown[]): StrategyItem[] {
    return items.map((i) => {
        const o = obj(i);
        return { capacityProvider: str(o.capacityProvider) ?? "FARGATE", base: num(o.base), weight: num(o.weight) };
    });
}

function strategyOf(graph: ResourceGraph, service: RecordedResource, warnings: string[]): { strategy: StrategyItem[]; source: string } {
    const own = arr(input(service, "capacityProviderStrategies"));
    if (own.length > 0) {
        return { strategy: toStrategy(own), source: "the service's capacity provider strategy" };
    }
    const launchType = str(input(service, "launchType"));
    if (launchType) {
        if (launchType !== "FARGATE") {
            warnings.push(`service ${service.name}: launch type ${launchType} is not Fargate; priced as Fargate on-demand.`);
        }
        return { strategy: [{ capacityProvider: "FARGATE", weight: 1 }], source: `launch type ${launchType}` };
    }
    const cluster = graph.referenced(service, "cluster", [TYPES.cluster]);
    const providers = graph.ofType(TYPES.clusterCapacityProviders).find((c) => {
        const target = graph.referenced(c, "clusterName", [TYPES.cluster]);
        return cluster !== undefined && target === cluster;
    });
    const defaults = providers ? arr(input(providers, "defaultCapacityProviderStrategies")) : [];
    if (defaults.length > 0) {
        return { strategy: toStrategy(defaults), source: `the cluster's default strategy (${providers!.name})` };
    }
    warnings.push(`service ${service.name}: no capacity strategy, launch type or cluster default found; priced as Fargate on-demand.`);
    return { strategy: [{ capacityProvider: "FARGATE", weight: 1 }], source: "none found (assumed Fargate on-demand)" };
}

function scalingTargetOf(graph: ResourceGraph, service: RecordedResource): RecordedResource | undefined {
    const serviceName = str(input(service, "name")) ?? service.name;
    return graph.ofType(TYPES.scalingTarget).find((t) => {
        if (graph.propertyDeps(t, "resourceId").includes(service)) {
            return true;
        }
        const id = str(input(t, "resourceId"));
        return id !== undefined && id.startsWith("service/") && id.endsWith(`/${serviceName}`);
    });
}

function fargateHourly(tasks: { onDemand: number; spot: number; other: number }, perTask: number): number {
    return (tasks.onDemand + tasks.other) * perTask + tasks.spot * perTask * SPOT_PRICE_FACTOR.factor;
}

/** Prices every resource of a recorded stack. */
export function estimateCost(resources: RecordedResource[]): CostReport {
    const graph = new ResourceGraph(resources);
    const lines: CostLine[] = [];
    const usage: UsageLine[] = [];
    const services: ServiceTasks[] = [];
    const warnings: string[] = [];

    const line = (r: RecordedResource, item: string, hourlyUsd: number, prices: PriceKey[]) =>
        lines.push({ urn: r.urn, type: r.type, name: r.name, component: graph.component(r)?.name, item, hourlyUsd, monthlyUsd: monthly(hourlyUsd), prices });
    const usageLine = (r: RecordedResource, item: string, prices: PriceKey[]) =>
        usage.push({ urn: r.urn, type: r.type, name: r.name, component: graph.component(r)?.name, item, prices });

    for (const r of resources) {
        if (r.type === TYPES.service) {
            const desiredCount = num(input(r, "desiredCount")) ?? 0;
            const td = graph.referenced(r, "taskDefinition", [TYPES.taskDefinition]);
            const cpuUnits = td ? num(input(td, "cpu")) : undefined;
            const memoryMiB = td ? num(input(td, "memory")) : undefined;
            if (!td || cpuUnits === undefined || memoryMiB === undefined) {
                warnings.push(`service ${r.name}: its task definition's cpu and memory are not known; its tasks are not priced.`);
                continue;
            }
            const architecture = str(obj(input(td, "runtimePlatform")).cpuArchitecture) === "ARM64" ? "ARM64" : "X86_64";
            const vcpu = cpuUnits / 1024;
            const memoryGb = memoryMiB / 1024;
            const perTask = taskHourlyUsd(vcpu, memoryGb, architecture);
            const { strategy, source } = strategyOf(graph, r, warnings);
            const split = splitTasks(desiredCount, strategy);
            if (split.other > 0) {
                warnings.push(`service ${r.name}: ${fmt(split.other)} task(s) go to providers other than FARGATE/FARGATE_SPOT; priced as on-demand.`);
            }
            const publicIp = plain(obj(input(r, "networkConfiguration")).assignPublicIp) === true;
            const size = `(${fmt(vcpu)} vCPU + ${fmt(memoryGb)} GB)`;
            const [vKey, gKey]: PriceKey[] = architecture === "ARM64" ? ["fargateArmVcpuHour", "fargateArmGbHour"] : ["fargateX86VcpuHour", "fargateX86GbHour"];
            if (split.onDemand + split.other > 0) {
                line(r, `Fargate on-demand ${architecture}: ${tasksWord(split.onDemand + split.other)} × ${size}`, (split.onDemand + split.other) * perTask, [vKey, gKey]);
            }
            if (split.spot > 0) {
                line(r, `Fargate Spot ${architecture}: ${tasksWord(split.spot)} × ${size} × ${SPOT_PRICE_FACTOR.factor}`, split.spot * perTask * SPOT_PRICE_FACTOR.factor, [vKey, gKey]);
            }
            if (publicIp && desiredCount > 0) {
                line(r, `public IPv4: ${desiredCount} task address${desiredCount === 1 ? "" : "es"}`, desiredCount * PRICES.publicIpv4Hour.usd, ["publicIpv4Hour"]);
            }
            const tasks: ServiceTasks = {
                urn: r.urn, name: r.name, desiredCount, onDemandTasks: split.onDemand + split.other, spotTasks: split.spot,
                architecture, vcpu, memoryGb, publicIp, strategySource: source,
            };
            const target = scalingTargetOf(graph, r);
            const minCapacity = target ? num(input(target, "minCapacity")) : undefined;
            const maxCapacity = target ? num(input(target, "maxCapacity")) : undefined;
            if (minCapacity !== undefined && maxCapacity !== undefined) {
                const at = (n: number) =>
                    monthly(fargateHourly(splitTasks(n, strategy), perTask) + (publicIp ? n * PRICES.publicIpv4Hour.usd : 0));
                tasks.autoscaling = { minCapacity, maxCapacity, monthlyUsdAtMin: at(minCapacity), monthlyUsdAtMax: at(maxCapacity) };
            }
            services.push(tasks);
        } else if ((TYPES.loadBalancers as readonly string[]).includes(r.type)) {
            const kind = str(input(r, "loadBalancerType")) ?? "application";
            if (kind !== "application") {
                warnings.push(`load balancer ${r.name}: type ${kind} is not in the price table; not priced.`);
                continue;
            }
            line(r, "Application Load Balancer hours", PRICES.albHour.usd, ["albHour"]);
            if (input(r, "internal") !== true) {
                const azs = arr(input(r, "subnets")).length || arr(input(r, "subnetMappings")).length;
                line(r, `public IPv4: ${azs} load balancer node address${azs === 1 ? "" : "es"} (one per subnet/AZ)`, azs * PRICES.publicIpv4Hour.usd, ["publicIpv4Hour"]);
            }
            usageLine(r, "load balancer capacity units (LCUs)", ["albLcuHour"]);
        } else if (r.type === TYPES.natGateway) {
            line(r, "NAT gateway hours", PRICES.natHour.usd, ["natHour"]);
            usageLine(r, "NAT gateway data processed", ["natGb"]);
        } else if (r.type === TYPES.eip) {
            line(r, "public IPv4: 1 Elastic IP address", PRICES.publicIpv4Hour.usd, ["publicIpv4Hour"]);
        } else if (r.type === TYPES.vpcEndpoint) {
            const kind = str(input(r, "vpcEndpointType")) ?? "Gateway";
            const service = str(input(r, "serviceName")) ?? "?";
            if (kind === "Interface") {
                const azs = arr(input(r, "subnetIds")).length;
                line(r, `interface endpoint ${service}: ${azs} AZ${azs === 1 ? "" : "s"}`, azs * PRICES.interfaceEndpointAzHour.usd, ["interfaceEndpointAzHour"]);
                usageLine(r, `interface endpoint ${service}: data processed`, ["interfaceEndpointGb"]);
            } else {
                line(r, `${kind.toLowerCase()} endpoint ${service} (free)`, PRICES.gatewayEndpointHour.usd, ["gatewayEndpointHour"]);
            }
        } else if (r.type === TYPES.logGroup) {
            usageLine(r, `log ingestion and storage (retention ${num(input(r, "retentionInDays")) ?? "never expires"}${num(input(r, "retentionInDays")) ? " days" : ""})`, ["logsIngestedGb", "logsStoredGbMonth"]);
        } else if (r.type === TYPES.repository) {
            usageLine(r, "image storage", ["ecrStorageGbMonth"]);
        }
    }

    const totalMonthlyUsd = lines.reduce((cents, l) => cents + toCents(l.monthlyUsd), 0) / 100;
    const assumptions = [
        `${HOURS_PER_MONTH} hours a month, every hourly resource always on; us-east-1 on-demand prices (FACTS.md).`,
        "Tasks: each service's desired count, all month; the autoscaling range is shown beside it, not added.",
        `Spot share from the service's capacity strategy, else the cluster's default strategy (base first, then by weight); a Spot task costs ${SPOT_PRICE_FACTOR.factor} × on-demand (the smallest published discount, 67%).`,
        "Public IPv4 at $0.005/hour each: one per subnet (AZ) of each internet-facing load balancer, one per task with a public IP, one per Elastic IP (NAT gateways).",
        "Interface VPC endpoints: one charge per subnet (AZ) they are placed in; gateway endpoints are free.",
        "Traffic- and usage-priced items (LCUs, NAT and endpoint data, log ingestion and storage, image storage) are listed with their unit prices, not estimated.",
        "Resources not listed (VPC, subnets, security groups, IAM, ECS cluster, target groups, listeners) carry no hourly charge.",
    ];
    return { lines, totalMonthlyUsd, usage, services, assumptions, warnings };
}
