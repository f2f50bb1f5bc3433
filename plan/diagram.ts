/**
 * A Mermaid flowchart of a stack's architecture, which GitHub renders in `plan.md`: the resources that shape
 * traffic, compute and images, grouped by component, linked by their property dependencies. Arrows follow the
 * request (internet → load balancer → listener → listener rule → target group → service) and then what each
 * resource uses. A service with no load balancer (a worker) has no edge from the internet and says so.
 */
import { RecordedResource } from "../sim/types";
import { input, ResourceGraph } from "./values";

const SHOWN: Record<string, string> = {
    "aws:lb/loadBalancer:LoadBalancer": "load balancer",
    "aws:alb/loadBalancer:LoadBalancer": "load balancer",
    "aws:lb/listener:Listener": "listener",
    "aws:alb/listener:Listener": "listener",
    "aws:lb/listenerRule:ListenerRule": "listener rule",
    "aws:alb/listenerRule:ListenerRule": "listener rule",
    "aws:lb/targetGroup:TargetGroup": "target group",
    "aws:alb/targetGroup:TargetGroup": "target group",
    "aws:ecs/service:Service": "ECS service",
    "aws:ecs/taskDefinition:TaskDefinition": "task definition",
    "aws:ecs/cluster:Cluster": "ECS cluster",
    "aws:ecr/repository:Repository": "ECR repository",
    "docker:index/image:Image": "image",
    "aws:ec2/vpc:Vpc": "VPC",
    "aws:ec2/natGateway:NatGateway": "NAT gateway",
    "aws:ec2/internetGateway:InternetGateway": "internet gateway",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "VPC endpoint",
    "aws:appautoscaling/target:Target": "autoscaling",
    "aws:cloudwatch/logGroup:LogGroup": "log group",
    "aws:servicediscovery/httpNamespace:HttpNamespace": "Service Connect namespace",
};

/** Dependencies drawn the other way round, so that arrows follow a request. */
const TRAFFIC: Array<[string, string]> = [
    ["listener", "load balancer"],
    ["listener rule", "listener"],
    ["ECS service", "target group"],
];

function label(text: string): string {
    return text.replace(/"/g, "#quot;");
}

/**
 * The Mermaid source (without the ```mermaid fence). `marks` gives some resources (by URN) a Mermaid class, with its
 * style in `classDefs` (`name` → `fill:…`), so that a plan of a change can show what it changes.
 */
export function mermaid(resources: RecordedResource[], marks: Record<string, string> = {}, classDefs: Record<string, string> = {}): string {
    const graph = new ResourceGraph(resources);
    const shown = resources.filter((r) => r.custom && SHOWN[r.type]);
    const ids = new Map<string, string>(shown.map((r, i) => [r.urn, `n${i}`]));
    const internetFacing = shown.some((r) => SHOWN[r.type] === "load balancer" && input(r, "internal") !== true);
    const lines = ["flowchart LR", ...(internetFacing ? ["    internet((Internet))"] : [])];
    const byComponent = new Map<string, RecordedResource[]>();
    for (const r of shown) {
        const key = graph.component(r)?.urn ?? "";
        byComponent.set(key, [...(byComponent.get(key) ?? []), r]);
    }
    let c = 0;
    for (const [componentUrn, members] of byComponent) {
        const component = graph.byUrn.get(componentUrn);
        const indent = component ? "        " : "    ";
        if (component) {
            lines.push(`    subgraph c${c++}["${label(`${component.type.split(":").pop()} ${component.name}`)}"]`);
        }
        for (const r of members) {
            const detail = detailOf(r);
            lines.push(`${indent}${ids.get(r.urn)}["${label(`${SHOWN[r.type]}${detail}<br/>${r.name}`)}"]`);
        }
        if (component) {
            lines.push("    end");
        }
    }
    const edges = new Set<string>();
    for (const r of shown) {
        if (SHOWN[r.type] === "load balancer" && input(r, "internal") !== true) {
            edges.add(`    internet --> ${ids.get(r.urn)}`);
        }
        for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
            for (const urn of new Set(urns)) {
                const dep = graph.byUrn.get(urn);
                if (!dep || !ids.has(urn) || urn === r.urn) {
                    continue;
                }
                const reversed = TRAFFIC.some(([from, to]) => SHOWN[r.type] === from && SHOWN[dep.type] === to);
                edges.add(reversed ? `    ${ids.get(urn)} --> ${ids.get(r.urn)}` : `    ${ids.get(r.urn)} -->|${prop}| ${ids.get(urn)}`);
            }
        }
    }
    const classes = shown.filter((r) => marks[r.urn]).map((r) => `    class ${ids.get(r.urn)} ${marks[r.urn]}`);
    const defs = classes.length > 0 ? Object.entries(classDefs).map(([name, style]) => `    classDef ${name} ${style}`) : [];
    return [...lines, ...edges, ...defs, ...classes].join("\n");
}

/** What a node adds to its kind: an endpoint's service, a rule's priority and conditions, a worker's lack of ingress. */
function detailOf(r: RecordedResource): string {
    if (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint") {
        return ` ${String(input(r, "serviceName") ?? "").split(".").pop()}`;
    }
    if (SHOWN[r.type] === "listener rule") {
        const conditions = (Array.isArray(input(r, "conditions")) ? input(r, "conditions") as any[] : [])
            .flatMap((c) => [...(c?.hostHeader?.values ?? []), ...(c?.pathPattern?.values ?? [])]);
        return ` ${input(r, "priority") ?? ""}${conditions.length > 0 ? `: ${conditions.join(", ")}` : ""}`;
    }
    if (r.type === "aws:ecs/service:Service") {
        const lbs = input(r, "loadBalancers");
        return Array.isArray(lbs) && lbs.length === 0 ? " (no load balancer, no inbound)" : "";
    }
    return "";
}
