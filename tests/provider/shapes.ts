/**
 * Comparing registrations across recorders. The mocks and the test engine build URNs differently (the mocks
 * prefix only the parent's own type, the engine the parent's whole type chain), so resources are compared by
 * what identifies them in either: type and name, with parents and dependencies as `type::name` too.
 */
import * as path from "path";
import { SECRET_SIG, SIG_KEY } from "../../harness/engineProtocol";
import { RecordedResource, UNKNOWN } from "../../sim/types";

/** The repository root: the package the plugin serves, and the demo project. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** One resource as both recorders must agree on it. */
export interface Shape {
    resource: string;
    parent?: string;
    custom: boolean;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    propertyDependencies: Record<string, string[]>;
}

/** `type::name`, the identity of a resource across recorders. */
export function key(r: { type: string; name: string }): string {
    return `${r.type}::${r.name}`;
}

/** The value with every wire secret replaced by its plain value. */
export function revealSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(revealSecrets);
    }
    if (value !== null && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === SECRET_SIG) {
            return revealSecrets(obj.value);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, revealSecrets(v)]));
    }
    return value;
}

/**
 * The registrations as shapes, sorted by identity. `withoutStack` drops the stack resource and treats its
 * children as top level (an in-process mocks run has no stack). `revealSecrets` compares secrets by value: the
 * mocks recorder currently loses secretness (see the provider tests), the engine keeps it. `ignoreDependenciesOn`
 * leaves dependencies on resources of types with this prefix out: an output of a remote component depends on the
 * component itself as well as on the children that produce it, which an in-process component's output does not.
 */
export function shapes(
    resources: RecordedResource[],
    options: { withoutStack?: boolean; revealSecrets?: boolean; ignoreDependenciesOn?: string } = {},
): Shape[] {
    const plain = (v: Record<string, unknown>) => (options.revealSecrets ? (revealSecrets(v) as Record<string, unknown>) : v);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const name = (urn: string): string => {
        const r = byUrn.get(urn);
        return r ? key(r) : `unregistered ${urn}`;
    };
    const kept = options.withoutStack ? resources.filter((r) => r.type !== "pulumi:pulumi:Stack") : resources;
    return kept
        .map((r) => {
            const parent = r.parent && !(options.withoutStack && byUrn.get(r.parent)?.type === "pulumi:pulumi:Stack") ? name(r.parent) : undefined;
            const propertyDependencies = Object.fromEntries(
                Object.entries(r.propertyDependencies).map(([k, urns]) => [
                    k,
                    urns.map(name).filter((d) => !(options.ignoreDependenciesOn && d.startsWith(options.ignoreDependenciesOn))).sort(),
                ]),
            );
            return { resource: key(r), parent, custom: r.custom, inputs: plain(r.inputs), outputs: plain(r.outputs), propertyDependencies };
        })
        .sort((a, b) => a.resource.localeCompare(b.resource));
}

/** The direct children of the one component of `type` named `name`, as `type name`, sorted. */
export function childNames(resources: RecordedResource[], type: string, name: string): string[] {
    const component = resources.filter((r) => r.type === type && r.name === name);
    if (component.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${component.length}`);
    }
    return resources.filter((r) => r.parent === component[0].urn).map((r) => `${r.type} ${r.name}`).sort();
}

/** Every input path (`a.b[0].c`) whose value is unknown. */
export function unknownPaths(value: unknown, at = ""): string[] {
    if (value === UNKNOWN) {
        return [at];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => unknownPaths(v, `${at}[${i}]`));
    }
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => unknownPaths(v, at ? `${at}.${k}` : k));
    }
    return [];
}
