/**
 * Pure parsers of the values policies read: container definitions (a JSON string), security-group rules in their
 * three shapes, and IAM policy documents.
 */
import { T } from "./helpers";

// ---------------------------------------------------------------------------------------------------------------
// Container definitions
// ---------------------------------------------------------------------------------------------------------------

/** The parts of an ECS container definition the policies read. */
export interface ContainerDefinition {
    name?: string;
    image?: string;
    essential?: boolean;
    privileged?: boolean;
    readonlyRootFilesystem?: boolean;
    user?: string;
    environment?: { name?: string; value?: string }[];
    secrets?: { name?: string; valueFrom?: string }[];
    logConfiguration?: { logDriver?: string; options?: Record<string, string> };
    linuxParameters?: { capabilities?: { add?: string[]; drop?: string[] } };
    healthCheck?: { command?: string[] };
    portMappings?: { name?: string; containerPort?: number }[];
    memory?: number;
    memoryReservation?: number;
}

/**
 * Parses `containerDefinitions` (a JSON string in `@pulumi/aws`, an array when recorded already parsed).
 * Returns undefined when it is absent or not a list of objects; the policies then skip instead of guessing.
 */
export function parseContainerDefinitions(value: unknown): ContainerDefinition[] | undefined {
    let parsed: unknown = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (!Array.isArray(parsed)) {
        return undefined;
    }
    return parsed.filter((c): c is ContainerDefinition => typeof c === "object" && c !== null && !Array.isArray(c));
}

/** The container definitions of a task definition's props; reading an unknown value throws for the engine. */
export function containersOf(props: Record<string, any>): ContainerDefinition[] {
    return parseContainerDefinitions(props.containerDefinitions) ?? [];
}

/** How a message names a container. */
export function containerLabel(c: ContainerDefinition, index: number): string {
    return typeof c.name === "string" ? `container "${c.name}"` : `container #${index}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Security-group rules
// ---------------------------------------------------------------------------------------------------------------

export const PUBLIC_CIDRS = ["0.0.0.0/0", "::/0"];

/** One security-group rule, whatever shape declared it. */
export interface SgRule {
    direction: "ingress" | "egress";
    /** `all`, `tcp`, `udp`, `icmp`, `icmpv6` or the protocol number as given. */
    protocol: string;
    fromPort: number;
    toPort: number;
    cidrs: string[];
    sourceSecurityGroups: string[];
    self: boolean;
    prefixLists: string[];
    description?: string;
    /** How a message names the rule. */
    label: string;
}

export function normaliseProtocol(p: unknown): string {
    // A protocol is a name or a number; anything else (an object from a malformed input) is kept as its JSON, which
    // matches no known protocol. `String` would throw on an object whose `toString` is not a function.
    const s = (p === undefined || p === null ? "all" : typeof p === "string" || typeof p === "number" ? String(p) : JSON.stringify(p)).toLowerCase();
    switch (s) {
        case "-1": case "all": return "all";
        case "6": return "tcp";
        case "17": return "udp";
        case "1": return "icmp";
        case "58": return "icmpv6";
        default: return s;
    }
}

function ports(protocol: string, from: unknown, to: unknown): [number, number] {
    if (protocol === "all") {
        return [0, 65535];
    }
    const f = typeof from === "number" && from >= 0 ? from : 0;
    const t = typeof to === "number" && to >= 0 ? to : 65535;
    return [f, t];
}

export function asStrings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
}

/** The rules declared by one resource: inline `ingress`/`egress` blocks, or one rule resource of either kind. */
export function securityGroupRules(type: string, props: Record<string, any>): SgRule[] {
    const rules: SgRule[] = [];
    if (type === T.securityGroup) {
        for (const direction of ["ingress", "egress"] as const) {
            const blocks: any[] = Array.isArray(props[direction]) ? props[direction] : [];
            blocks.forEach((b, i) => {
                const protocol = normaliseProtocol(b.protocol);
                const [fromPort, toPort] = ports(protocol, b.fromPort, b.toPort);
                rules.push({
                    direction, protocol, fromPort, toPort,
                    cidrs: [...asStrings(b.cidrBlocks), ...asStrings(b.ipv6CidrBlocks)],
                    sourceSecurityGroups: asStrings(b.securityGroups),
                    self: b.self === true,
                    prefixLists: asStrings(b.prefixListIds),
                    description: b.description,
                    label: `${direction}[${i}]`,
                });
            });
        }
    } else if (type === T.ingressRule || type === T.egressRule) {
        const protocol = normaliseProtocol(props.ipProtocol);
        const [fromPort, toPort] = ports(protocol, props.fromPort, props.toPort);
        rules.push({
            direction: type === T.ingressRule ? "ingress" : "egress", protocol, fromPort, toPort,
            cidrs: [...asStrings(props.cidrIpv4), ...asStrings(props.cidrIpv6)],
            sourceSecurityGroups: asStrings(props.referencedSecurityGroupId),
            self: false,
            prefixLists: asStrings(props.prefixListId),
            description: props.description,
            label: "rule",
        });
    } else if (type === T.securityGroupRule) {
        const protocol = normaliseProtocol(props.protocol);
        const [fromPort, toPort] = ports(protocol, props.fromPort, props.toPort);
        rules.push({
            direction: props.type === "egress" ? "egress" : "ingress", protocol, fromPort, toPort,
            cidrs: [...asStrings(props.cidrBlocks), ...asStrings(props.ipv6CidrBlocks)],
            sourceSecurityGroups: asStrings(props.sourceSecurityGroupId),
            self: props.self === true,
            prefixLists: asStrings(props.prefixListIds),
            description: props.description,
            label: "rule",
        });
    }
    return rules;
}

export function describePorts(r: SgRule): string {
    if (r.protocol === "all") {
        return "all protocols and ports";
    }
    return r.fromPort === r.toPort ? `${r.protocol} port ${r.fromPort}` : `${r.protocol} ports ${r.fromPort}-${r.toPort}`;
}

// ---------------------------------------------------------------------------------------------------------------
// IAM documents
// ---------------------------------------------------------------------------------------------------------------

export interface Statement {
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    principal: unknown;
    hasCondition: boolean;
}

/** Parses an IAM policy document (JSON string or object); undefined when it is not one. */
export function parsePolicyDocument(value: unknown): Statement[] | undefined {
    let doc: any = value;
    if (typeof value === "string") {
        try {
            doc = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (typeof doc !== "object" || doc === null) {
        return undefined;
    }
    const raw = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return raw.filter((s: unknown) => typeof s === "object" && s !== null).map((s: any) => ({
        effect: String(s.Effect ?? ""),
        actions: asStrings(s.Action),
        notActions: asStrings(s.NotAction),
        resources: asStrings(s.Resource),
        principal: s.Principal,
        hasCondition: typeof s.Condition === "object" && s.Condition !== null && Object.keys(s.Condition).length > 0,
    }));
}

/** True when a principal admits anyone (`*` or `{"AWS": "*"}`). */
export function principalIsPublic(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (typeof principal === "object" && principal !== null) {
        return Object.values(principal).some((v) => asStrings(v).includes("*"));
    }
    return false;
}

/** The service principals of a statement. */
export function servicePrincipals(principal: unknown): string[] {
    if (typeof principal === "object" && principal !== null) {
        return asStrings((principal as any).Service);
    }
    return [];
}

/** An Allow statement granting every action, or every action of a service, on every resource. */
export function wildcardGrant(s: Statement): string | undefined {
    if (s.effect !== "Allow") {
        return undefined;
    }
    if (s.notActions.length > 0) {
        return `Allow with NotAction ${JSON.stringify(s.notActions)}`;
    }
    if (!s.resources.includes("*")) {
        return undefined;
    }
    const wild = s.actions.find((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
    return wild ? `Allow "${wild}" on "*"` : undefined;
}
