/**
 * Wire-level helpers of the test engine: the Pulumi protocol's special values, URNs as the engine builds them,
 * and conversions between protobuf `Struct`s and the plain JSON a `RecordedResource` keeps.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../sim/types";

export { SECRET_SIG, SIG_KEY };
/** Signature of a resource reference: `{ [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn, id?, packageVersion }`. */
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Signature of an output value: `{ [SIG_KEY]: OUTPUT_VALUE_SIG, value?, secret?, dependencies? }` (no value: unknown). */
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** The type token of the stack resource every program registers first. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The monitor features the test engine implements, by the ids SDKs ask `SupportsFeature` for. Transforms and
 * hooks (callbacks into the program) are not implemented, so they are not advertised and the SDKs do without.
 */
export const SUPPORTED_FEATURES: readonly string[] = ["secrets", "resourceReferences", "outputValues", "aliasSpecs", "deletedWith"];

/** A secret in wire form. */
export function secret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * An output value in wire form, as an SDK sends a component input that is an `Output`. Without `value` it is
 * unknown, as in a preview before the resource it comes from exists.
 */
export function outputValue(options: { value?: unknown; secret?: boolean; dependencies?: string[] } = {}): Record<string, unknown> {
    const wire: Record<string, unknown> = { [SIG_KEY]: OUTPUT_VALUE_SIG };
    if (options.value !== undefined) {
        wire.value = options.value;
    }
    if (options.secret) {
        wire.secret = true;
    }
    if (options.dependencies && options.dependencies.length > 0) {
        wire.dependencies = options.dependencies;
    }
    return wire;
}

/** True when the value is, or contains anywhere, an unknown (the wire sentinel or an output value with no value). */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value !== null && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === OUTPUT_VALUE_SIG && !("value" in obj)) {
            return true;
        }
        return Object.values(obj).some(containsUnknown);
    }
    return false;
}

/** A protobuf `Struct` as plain JSON (an absent struct is `{}`). */
export function structToPlain(struct: Struct | undefined): Record<string, unknown> {
    return struct ? (struct.toJavaScript() as Record<string, unknown>) : {};
}

/** Plain JSON as a protobuf `Struct`; `undefined` properties are dropped, as SDKs never send them. */
export function plainToStruct(value: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

/** The qualified type of a URN: `parentType$…$type`. */
export function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2];
}

/**
 * The URN the Pulumi engine gives a resource: the parent's qualified type is prefixed to the type, except when
 * the parent is the stack (`urn:pulumi:<stack>::<project>::<parentTypes$type>::<name>`).
 */
export function makeUrn(stack: string, project: string, type: string, name: string, parent?: string): string {
    let qualified = type;
    if (parent) {
        const parentType = qualifiedTypeOf(parent);
        if (parentType !== ROOT_STACK_TYPE) {
            qualified = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}
