/**
 * Canonical references: a stack's inputs with every physical identifier of another resource (its ID, ARN, name, DNS
 * name, URL… as that resource's outputs hold them; not content such as an image digest) replaced by a token naming the resource and the output,
 * `${<urn>}#<output>`. Two recordings of one program whose resources got different physical identifiers (the local
 * engine's simulated providers draw them at random, the offline plan's simulator derives them from the URN) then
 * compare equal wherever they reference the same resources, and differ where the program changed.
 *
 * A value is a reference when it occurs in the inputs of a resource that depends on the resource whose output it is
 * (a property dependency or `dependsOn`, a dependency on a component meaning one on every resource inside it); it is substituted wherever it occurs in those inputs, inside strings too
 * (an ARN in a JSON policy document, `arn…:log-group:/ecs/web:log-stream:*`). A resource's own outputs are never
 * substituted in its own inputs, so a renamed resource still shows its new name.
 */
import { RecordedResource } from "../sim/types";
import { isSecret } from "./values";

/** The token of one output of one resource. */
export function referenceToken(urn: string, output: string): string {
    return `\${${urn}}#${output}`;
}

/** Shorter strings are not taken as identifiers (they are words like `HTTP`, `FARGATE`, region names). */
const MIN_REFERENCE_LENGTH = 8;

function strings(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") {
        out.push(value);
    } else if (isSecret(value)) {
        strings(value.value, out);
    } else if (Array.isArray(value)) {
        value.forEach((v) => strings(v, out));
    } else if (typeof value === "object" && value !== null) {
        Object.values(value).forEach((v) => strings(v, out));
    }
    return out;
}

function substitute(value: unknown, replace: (s: string) => string): unknown {
    if (typeof value === "string") {
        return replace(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => substitute(v, replace));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, replace)]));
    }
    return value;
}

/**
 * Outputs that identify a resource (an engine may draw them at random): its ID, ARN, name, DNS name, URL. Other
 * outputs are content (a digest, a status) and must stay as they are, so that a change of them shows downstream.
 */
const IDENTIFIER_OUTPUT = /^(id|arn|arnSuffix|name|dnsName|zoneId|url|repositoryUrl|registryId|ownerId)$|(Id|Arn|ArnSuffix|Name|DnsName|Url)$/;

/**
 * Types whose outputs are all content: a Docker image's name is its content tag and its repoDigest its content hash
 * (the same for one build context in the offline simulator and the local engine); a new build must show in the task
 * definition that uses it.
 */
function contentAddressed(type: string): boolean {
    return type.startsWith("docker:");
}

/** A resource's identifying values: its physical ID and its identifier outputs, by output name. */
function identifiers(r: RecordedResource): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    if (contentAddressed(r.type)) {
        return out;
    }
    if (typeof r.id === "string" && r.id.length >= MIN_REFERENCE_LENGTH) {
        out.push(["id", r.id]);
    }
    for (const [key, raw] of Object.entries(r.outputs ?? {})) {
        const v = isSecret(raw) ? raw.value : raw;
        if (IDENTIFIER_OUTPUT.test(key) && typeof v === "string" && v.length >= MIN_REFERENCE_LENGTH) {
            out.push([key, v]);
        }
    }
    return out;
}

/** The resources with their references to other resources' outputs replaced by tokens (see the module's note). */
export function canonicalReferences(resources: RecordedResource[]): RecordedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) {
        if (r.parent) {
            children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
        }
    }
    // A dependency on a component is one on everything inside it (an output of a component is its children's).
    const expand = (urn: string, into: Set<string>) => {
        if (into.has(urn)) {
            return;
        }
        into.add(urn);
        if (byUrn.get(urn)?.custom === false) {
            (children.get(urn) ?? []).forEach((c) => expand(c, into));
        }
    };
    return resources.map((r) => {
        const deps = new Set<string>();
        [...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()].forEach((u) => expand(u, deps));
        deps.delete(r.urn);
        const texts = strings(r.inputs);
        const table: Array<[string, string]> = [];
        for (const urn of deps) {
            const dep = byUrn.get(urn);
            if (!dep) {
                continue;
            }
            for (const [key, value] of identifiers(dep)) {
                if (texts.some((t) => t.includes(value))) {
                    table.push([value, referenceToken(urn, key)]);
                }
            }
        }
        if (table.length === 0) {
            return r;
        }
        // Longest first: an ARN is replaced whole before the name inside it.
        table.sort((a, b) => b[0].length - a[0].length || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
        const replace = (s: string) => table.reduce((acc, [value, token]) => acc.split(value).join(token), s);
        return { ...r, inputs: substitute(r.inputs, replace) as Record<string, unknown> };
    });
}

/** Pulumi's autoname: the logical name, a dash and seven random hex digits. */
function isAutoname(r: RecordedResource, value: unknown): boolean {
    return typeof value === "string" && value.length === r.name.length + 8 && value.startsWith(`${r.name}-`) && /^[0-9a-f]{7}$/.test(value.slice(-7));
}

/** A physical name the program derived by hashing (components/names.ts `physicalName`): `<prefix>-<7 hex digits>`. */
const HASHED_NAME = /^([^$]+)-[0-9a-f]{7}$/;

/** True when both are hashed names with one prefix (`web-0bd491e`, `web-860bfca`), the hashes differing. */
function sameNameOtherHash(before: unknown, after: unknown): boolean {
    if (typeof before !== "string" || typeof after !== "string" || before === after) {
        return false;
    }
    const b = HASHED_NAME.exec(before);
    const a = HASHED_NAME.exec(after);
    return b !== null && a !== null && b[1] === a[1];
}

/**
 * Aligns a deployed state (the base) with a program's recording (the head) where the two cannot differ by the
 * program's doing, after `canonicalReferences` on both:
 * - an input the head does not set, which the base holds as the engine's autoname (`web-task-sg-9a8a4f2`: the
 *   provider's Check names what the program left unnamed, and the state keeps the checked inputs) is dropped;
 * - an input computed from other resources (it has property dependencies) that is a hashed name on both sides with
 *   the same prefix, only the hash differing (a target group's name hashes its VPC's ID, which the engine drew at
 *   random), takes the head's value. Only such names: an image tag (`…:sha-1739cf482a9e`) is the app's content hash
 *   and must show when it changes.
 * Returns the aligned base and one note per aligned input.
 */
export function alignDeployedState(base: RecordedResource[], head: RecordedResource[]): { resources: RecordedResource[]; notes: string[] } {
    const heads = new Map(head.map((r) => [r.urn, r]));
    const notes: string[] = [];
    const resources = base.map((b) => {
        const h = heads.get(b.urn);
        if (!h || h.type !== b.type || !b.custom) {
            return b;
        }
        const inputs: Record<string, unknown> = { ...b.inputs };
        let touched = false;
        for (const [key, value] of Object.entries(b.inputs)) {
            if (!(key in h.inputs)) {
                if (isAutoname(b, value)) {
                    delete inputs[key];
                    touched = true;
                }
                continue;
            }
            const after = h.inputs[key];
            const computed = (h.propertyDependencies[key] ?? []).length > 0;
            if (computed && sameNameOtherHash(value, after)) {
                inputs[key] = after;
                touched = true;
                notes.push(`${b.name}.${key}: ${JSON.stringify(value)} (deployed) and ${JSON.stringify(after)} (planned) are hashes of other resources' physical IDs, taken as the same.`);
            }
        }
        return touched ? { ...b, inputs } : b;
    });
    return { resources, notes };
}
