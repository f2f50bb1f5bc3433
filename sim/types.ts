/**
 * Shared shapes of the simulated AWS: what a simulated deployment records about each resource.
 * The mocks recorder (unit tests), the gRPC test engine (multi-language runs) and the offline plan all
 * produce `RecordedResource`s; the policy runner and the plan consume them.
 */

/** The string the Pulumi wire protocol uses for a value not known until the resource is created. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special value (secret, resource reference, output value, asset) on the wire. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** One resource as registered with the (simulated) engine. */
export interface RecordedResource {
    /** The resource's URN, `urn:pulumi:<stack>::<project>::<parent types$>type::name`. */
    urn: string;
    /** The type token, e.g. `aws:ecs/service:Service` or `ecs-fargate:index:WebService`. */
    type: string;
    /** The logical name given to the resource's constructor. */
    name: string;
    /** True for provider-managed (custom) resources, false for components. */
    custom: boolean;
    /** URN of the parent resource; undefined for the stack itself. */
    parent?: string;
    /** The physical ID the simulator assigned (custom resources only). */
    id?: string;
    /**
     * Inputs as plain JSON, as they came off the wire: values not yet known are the string `UNKNOWN`,
     * secrets keep their wire form `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`.
     */
    inputs: Record<string, unknown>;
    /** Outputs (inputs merged with what the simulated provider computed), in the same form as `inputs`. */
    outputs: Record<string, unknown>;
    /** For each input property, the URNs of the resources its value depends on. */
    propertyDependencies: Record<string, string[]>;
    /** URNs of every resource this one depends on. */
    dependencies: string[];
    /** URN of the explicit provider resource, if any. */
    provider?: string;
    /** Resource options that matter to policies and plans. */
    protect?: boolean;
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    /** `retainOnDelete`: destroy drops the resource from the stack and leaves it in the cloud. */
    retainOnDelete?: boolean;
}

/** The part of a `RegisterResourceRequest` that carries the options recorded with each resource. */
export interface RegisterRequestOptions {
    getDependenciesList(): string[];
    getProvider(): string;
    getProtect(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getRetainondelete(): boolean | undefined;
}

/** The resource options of a register request, as `RecordedResource` keeps them (unset options left out). */
export function recordedOptions(req: RegisterRequestOptions): Pick<RecordedResource, "dependencies" | "provider" | "protect" | "deleteBeforeReplace" | "ignoreChanges" | "retainOnDelete"> {
    const ignoreChanges = req.getIgnorechangesList();
    return {
        dependencies: req.getDependenciesList(),
        provider: req.getProvider() || undefined,
        protect: req.getProtect() || undefined,
        deleteBeforeReplace: req.getDeletebeforereplace() || undefined,
        ignoreChanges: ignoreChanges.length > 0 ? ignoreChanges : undefined,
        retainOnDelete: req.getRetainondelete() || undefined,
    };
}
