/**
 * Risk flags of a change, each with the reason a reviewer needs: what breaks, what is lost, what opens up.
 * - a replaced or deleted load balancer: a new DNS name, so the domain's alias record must follow;
 * - a replaced or deleted ECR repository, log group or EFS file system: the data in it is lost;
 * - a replaced service: no tasks (or two services) between the old one's deletion and the new one's tasks;
 * - a rollout or scale-in that lets the healthy task count drop (below `minimumHealthyPercent` of what runs now);
 * - a security-group ingress rule that opens a port to 0.0.0.0/0 or ::/0;
 * - an IAM policy that grants more than before (new actions, resources or principals, or a dropped condition);
 * - a replacement or deletion of a resource with `protect`: `pulumi up` refuses it, so the change cannot be applied;
 * - a service whose new tasks start in subnets whose route is created by the same change, without waiting for it.
 */
import { RecordedResource } from "../sim/types";
import { TYPES } from "./cost";
import { ResourceChange, ResourceDiff } from "./diff";
import { deploymentStrategy, startsDeployment } from "./rollout";
import { arr, input, num, obj, ResourceGraph, str } from "./values";

export type RiskKind = "dns-name-changes" | "data-loss" | "downtime" | "capacity-drops" | "open-to-internet" | "iam-grows" | "protected" | "network-not-ready";

export interface RiskFlag {
    kind: RiskKind;
    urn: string;
    /** The resource's logical name. */
    resource: string;
    reason: string;
}

const DATA_TYPES: Record<string, string> = {
    [TYPES.repository]: "the images in the repository",
    [TYPES.logGroup]: "the log events in the log group",
    "aws:efs/fileSystem:FileSystem": "the files on the file system",
};

const RULE_TYPES = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"];
const OPEN = ["0.0.0.0/0", "::/0"];

function portsText(protocol: unknown, from: unknown, to: unknown): string {
    if (protocol === "-1" || protocol === "all") {
        return "every port and protocol";
    }
    const f = num(from);
    const t = num(to);
    if (f === undefined || f === -1) {
        return protocol === undefined ? "every port" : `every ${protocol} port`;
    }
    return f === t || t === undefined ? `${protocol} port ${f}` : `${protocol} ports ${f}–${t}`;
}

/** The world-open ingress grants of one resource, as `cidr → ports` words. */
function openIngress(r: RecordedResource | undefined): string[] {
    if (!r) {
        return [];
    }
    const out: string[] = [];
    if (RULE_TYPES.includes(r.type)) {
        for (const cidr of [input(r, "cidrIpv4"), input(r, "cidrIpv6")]) {
            if (typeof cidr === "string" && OPEN.includes(cidr)) {
                out.push(`${portsText(input(r, "ipProtocol"), input(r, "fromPort"), input(r, "toPort"))} from ${cidr}`);
            }
        }
    } else if (r.type === "aws:ec2/securityGroup:SecurityGroup" || r.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
        const rules = r.type === "aws:ec2/securityGroup:SecurityGroup" ? arr(input(r, "ingress")).map(obj) : input(r, "type") === "ingress" ? [r.inputs as Record<string, unknown>] : [];
        for (const rule of rules) {
            for (const cidr of [...arr(rule.cidrBlocks), ...arr(rule.ipv6CidrBlocks)]) {
                if (typeof cidr === "string" && OPEN.includes(cidr)) {
                    out.push(`${portsText(rule.protocol, rule.fromPort, rule.toPort)} from ${cidr}`);
                }
            }
        }
    }
    return out;
}

function parsePolicy(raw: unknown): Record<string, unknown> {
    if (typeof raw !== "string") {
        return obj(raw);
    }
    try {
        return obj(JSON.parse(raw));
    } catch {
        return {};
    }
}

function list(v: unknown): string[] {
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
}

/**
 * Every grant of a policy document as a word: `Allow s3:GetObject on arn:…` (with `if <condition>` and principals),
 * so that a grant that is new, or lost its condition, shows up as a word the old document does not have.
 */
export function policyGrants(document: unknown): string[] {
    const out: string[] = [];
    for (const s of arr(parsePolicy(document).Statement).map(obj)) {
        if (s.Effect !== "Allow") {
            continue;
        }
        const actions = [...list(s.Action), ...list(s.NotAction).map((a) => `NOT ${a}`)];
        const resources = [...list(s.Resource), ...list(s.NotResource).map((x) => `NOT ${x}`)];
        const principal = s.Principal === undefined ? "" : ` to ${JSON.stringify(s.Principal)}`;
        const condition = s.Condition === undefined ? "" : ` if ${JSON.stringify(s.Condition)}`;
        for (const a of actions.length > 0 ? actions : ["*"]) {
            for (const res of resources.length > 0 ? resources : [""]) {
                out.push(`Allow ${a}${res ? ` on ${res}` : ""}${principal}${condition}`);
            }
        }
    }
    return [...new Set(out)].sort();
}

const POLICY_INPUTS: Record<string, string[]> = {
    "aws:iam/rolePolicy:RolePolicy": ["policy"],
    "aws:iam/policy:Policy": ["policy"],
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy"],
};

function grantsOf(r: RecordedResource | undefined): string[] {
    if (!r) {
        return [];
    }
    return (POLICY_INPUTS[r.type] ?? []).flatMap((k) => policyGrants(input(r, k)));
}

/** A new policy on a role (or repository) that exists already grows what it may do; on a new one it is just new. */
function attachedToExisting(r: RecordedResource, baseGraph: ResourceGraph): boolean {
    const target = ["role", "repository"].flatMap((k) => r.propertyDependencies[k] ?? []);
    if (target.length > 0) {
        return target.some((urn) => baseGraph.byUrn.has(urn));
    }
    const name = str(input(r, "role")) ?? str(input(r, "repository"));
    return name !== undefined && baseGraph.resources.some((b) => [b.id, b.outputs.name, b.outputs.arn].includes(name));
}

function capacityFlags(c: ResourceChange, base: RecordedResource, head: RecordedResource): RiskFlag[] {
    const flags: RiskFlag[] = [];
    const desired = num(input(head, "desiredCount")) ?? 0;
    const before = num(input(base, "desiredCount")) ?? 0;
    const minBefore = num(input(base, "deploymentMinimumHealthyPercent")) ?? 100;
    const minAfter = num(input(head, "deploymentMinimumHealthyPercent")) ?? 100;
    const floorNow = Math.ceil((before * minBefore) / 100);
    if (desired < floorNow) {
        flags.push({
            kind: "capacity-drops", urn: c.urn, resource: c.name,
            reason: `desiredCount drops from ${before} to ${desired}, below the ${floorNow} task${floorNow === 1 ? "" : "s"} its minimumHealthyPercent (${minBefore}%) keeps running today.`,
        });
    }
    if (startsDeployment(c) && deploymentStrategy(head) !== "BLUE_GREEN") {
        const floor = Math.ceil((desired * minAfter) / 100);
        if (floor < desired) {
            flags.push({
                kind: "capacity-drops", urn: c.urn, resource: c.name,
                reason: `the rollout may stop old tasks before new ones are healthy: with minimumHealthyPercent ${minAfter}%, only ${floor} of ${desired} task${desired === 1 ? "" : "s"} must stay healthy${floor === 0 ? " (no task may serve for a while: downtime)" : ""}.`,
            });
        }
    }
    if (minAfter < minBefore) {
        flags.push({ kind: "capacity-drops", urn: c.urn, resource: c.name, reason: `deploymentMinimumHealthyPercent is lowered from ${minBefore}% to ${minAfter}%: later rollouts may run with fewer healthy tasks.` });
    }
    return flags;
}

/** Every resource `r` waits for: its dependencies and property dependencies, transitively, a component meaning its children. */
function waitedFor(graph: ResourceGraph, r: RecordedResource): Set<string> {
    const seen = new Set<string>();
    const stack = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
    while (stack.length > 0) {
        const urn = stack.pop()!;
        const dep = graph.byUrn.get(urn);
        if (seen.has(urn) || !dep) {
            continue;
        }
        seen.add(urn);
        stack.push(...dep.dependencies, ...Object.values(dep.propertyDependencies).flat());
        if (!dep.custom) {
            stack.push(...graph.childrenOf(urn).map((c) => c.urn));
        }
    }
    return seen;
}

/** Routes the change creates in the route tables of a service's subnets, which the service does not wait for. */
function unawaitedRoutes(service: RecordedResource, graph: ResourceGraph, created: Set<string>): RecordedResource[] {
    const subnets = arr(obj(input(service, "networkConfiguration")).subnets).filter((s): s is string => typeof s === "string");
    const tables = new Set(graph.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation")
        .filter((a) => subnets.includes(str(input(a, "subnetId")) ?? ""))
        .map((a) => str(input(a, "routeTableId"))));
    const waited = waitedFor(graph, service);
    return graph.ofType("aws:ec2/route:Route").filter((r) => created.has(r.urn) && tables.has(str(input(r, "routeTableId"))) && !waited.has(r.urn));
}

/** The risk flags of a change. */
export function assessRisks(diff: ResourceDiff, base: RecordedResource[], head: RecordedResource[]): RiskFlag[] {
    const baseGraph = new ResourceGraph(base);
    const headGraph = new ResourceGraph(head);
    const flags: RiskFlag[] = [];
    const created = new Set(diff.changes.filter((c) => c.kind === "create" || c.kind === "replace").map((c) => c.urn));
    for (const c of diff.changes) {
        const b = baseGraph.byUrn.get(c.urn);
        const h = headGraph.byUrn.get(c.urn);
        const flag = (kind: RiskKind, reason: string) => flags.push({ kind, urn: c.urn, resource: c.name, reason });
        const gone = c.kind === "replace" || c.kind === "delete";
        if (gone && b?.protect) {
            flag("protected", `the resource is protected (\`protect: true\`): \`pulumi up\` refuses to ${c.kind === "replace" ? "replace" : "delete"} it, so the change fails until the option is removed.`);
        }
        if (gone && (TYPES.loadBalancers as readonly string[]).includes(c.type)) {
            flag("dns-name-changes", c.kind === "replace"
                ? `the load balancer is replaced (${c.forcing.join(", ")}): it gets a new DNS name, so the domain's alias (or CNAME) record must follow, and clients that cached the old name fail until then.`
                : "the load balancer is deleted: its DNS name stops resolving, and any alias record pointing at it breaks.");
        }
        if (gone && DATA_TYPES[c.type]) {
            const order = c.kind === "replace" && c.deleteBeforeReplace ? " The old one is deleted first (same name)." : "";
            const images = c.type === TYPES.repository
                ? " Deleting a repository that holds images fails unless `forceDelete` is set; with it, task definitions that pin an image digest from it cannot start new tasks until the image is pushed again."
                : "";
            flag("data-loss", c.kind === "replace"
                ? `replaced (${c.forcing.join(", ")}): ${DATA_TYPES[c.type]} go with the old one.${order}${images}`
                : `deleted: ${DATA_TYPES[c.type]} go with it.${images}`);
        }
        if (c.kind === "replace" && c.type === TYPES.service) {
            flag("downtime", c.deleteBeforeReplace
                ? `replaced (${c.forcing.join(", ")}) under the same name: the old service is deleted first, so no task serves until the new service's tasks start and pass their health check.`
                : `replaced (${c.forcing.join(", ")}): the new service starts beside the old one, which is then deleted; both serve the target group for a while.`);
        }
        if (c.kind === "update" && c.type === TYPES.service && b && h) {
            flags.push(...capacityFlags(c, b, h));
        }
        if (c.type === TYPES.service && h && (c.kind !== "update" || startsDeployment(c))) {
            const routes = unawaitedRoutes(h, headGraph, created);
            if (routes.length > 0) {
                flag("network-not-ready", `the new tasks start in subnets whose route${routes.length === 1 ? "" : "s"} (${routes.map((r) => r.name).join(", ")}) this change creates, and the service does not wait for ${routes.length === 1 ? "it" : "them"}: tasks that start first cannot reach ECR, fail to pull the image, and may trip the deployment circuit breaker.`);
            }
        }
        if (c.kind !== "delete") {
            const before = c.kind === "create" ? [] : openIngress(b);
            for (const grant of openIngress(h).filter((g) => !before.includes(g))) {
                flag("open-to-internet", `opens ${grant}: anyone on the internet can connect.`);
            }
        }
        if (POLICY_INPUTS[c.type] && h && (c.kind !== "create" || attachedToExisting(h, baseGraph))) {
            const before = new Set(c.kind === "create" ? [] : grantsOf(b));
            const added = grantsOf(h).filter((g) => !before.has(g));
            if (added.length > 0) {
                const shown = added.slice(0, 3).join("; ");
                flag("iam-grows", `grants more than before: ${shown}${added.length > 3 ? ` (and ${added.length - 3} more)` : ""}.`);
            }
        }
        if (c.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && c.kind === "create" && h && attachedToExisting(h, baseGraph)) {
            flag("iam-grows", `attaches ${input(h, "policyArn")} to an existing role.`);
        }
    }
    return flags;
}
