/**
 * Reading recorded inputs: values arrive as plain JSON off the wire, where a secret is an object carrying the
 * secret signature and an unknown is a sentinel string. These helpers unwrap secrets and treat unknowns as absent.
 */
import { RecordedResource, UNKNOWN } from "../sim/types";

/** The type token of the root stack resource. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when the value is a wire secret `{sig, value}`. */
export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** The value with any wire-secret wrapping removed, recursively; unknowns become undefined. */
export function plain(value: unknown): unknown {
    if (value === UNKNOWN) {
        return undefined;
    }
    if (isSecret(value)) {
        return plain(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

/** The value with every wire secret replaced by `[secret]`, for printing and `plan.json`. */
export function redact(value: unknown): unknown {
    if (isSecret(value)) {
        return "[secret]";
    }
    if (Array.isArray(value)) {
        return value.map(redact);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
    }
    return value;
}

/** One input of a resource, unwrapped (see `plain`). */
export function input(resource: RecordedResource, key: string): unknown {
    return plain(resource.inputs[key]);
}

/** A number from a number or numeric string; undefined otherwise. */
export function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/** A string, or undefined for anything else. */
export function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** An array, or an empty one for anything else. */
export function arr(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** An object, or an empty one for anything else. */
export function obj(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Indexes resources by URN and answers the relations the plan follows. */
export class ResourceGraph {
    readonly byUrn = new Map<string, RecordedResource>();
    private readonly children = new Map<string, RecordedResource[]>();

    constructor(readonly resources: RecordedResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
        }
        for (const r of resources) {
            if (r.parent) {
                const list = this.children.get(r.parent) ?? [];
                list.push(r);
                this.children.set(r.parent, list);
            }
        }
    }

    ofType(...types: string[]): RecordedResource[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    childrenOf(urn: string): RecordedResource[] {
        return this.children.get(urn) ?? [];
    }

    /** The resources one input property of `resource` depends on. */
    propertyDeps(resource: RecordedResource, key: string): RecordedResource[] {
        return (resource.propertyDependencies[key] ?? []).map((u) => this.byUrn.get(u)).filter((r): r is RecordedResource => r !== undefined);
    }

    /**
     * The resource of one of `types` that an input of `resource` points at: first by property dependency, then by
     * matching the input's value against the candidate's `arn`, `id` or `name`.
     */
    referenced(resource: RecordedResource, key: string, types: string[]): RecordedResource | undefined {
        const byDep = this.propertyDeps(resource, key).find((r) => types.includes(r.type));
        if (byDep) {
            return byDep;
        }
        const value = input(resource, key);
        if (typeof value !== "string") {
            return undefined;
        }
        return this.ofType(...types).find((c) => [c.id, plain(c.outputs.arn), plain(c.outputs.name)].includes(value));
    }

    /** The nearest ancestor component (not the stack) of a resource, if any. */
    component(resource: RecordedResource): RecordedResource | undefined {
        let parent = resource.parent ? this.byUrn.get(resource.parent) : undefined;
        while (parent && parent.custom) {
            parent = parent.parent ? this.byUrn.get(parent.parent) : undefined;
        }
        return parent && parent.type !== STACK_TYPE ? parent : undefined;
    }
}
