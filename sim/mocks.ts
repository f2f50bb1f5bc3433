/**
 * Pulumi mocks backed by the simulated AWS, with a recorder that keeps what the engine would know about each
 * resource: parent, inputs, outputs and property dependencies. The SDK's `MockResourceArgs` carry none of the
 * relations, so the recorder sits one level lower, on the mock monitor's `registerResource`.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";
import { DEFAULT_SIMULATED_REGION, simulateInvoke, simulateResource, SimulationContext } from "./simulator";
import { RecordedResource, recordedOptions } from "./types";

/** Options of one simulated run. */
export interface SimulatedMocksOptions {
    project?: string;
    stack?: string;
    /** Run as `pulumi preview`: values AWS computes stay unknown. */
    preview?: boolean;
    region?: string;
}

/** Every resource registered since the mocks were set, in registration order. */
export class Recorder {
    readonly resources: RecordedResource[] = [];

    /** The resources of one type token. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this type and name; throws when there is not exactly one. */
    get(type: string, name: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            const names = this.ofType(type).map((r) => r.name).join(", ") || "none";
            throw new Error(`expected one ${type} named ${name}, found ${found.length} (names of that type: ${names})`);
        }
        return found[0];
    }

    /** The children (direct) of the resource with this URN. */
    childrenOf(urn: string): RecordedResource[] {
        return this.resources.filter((r) => r.parent === urn);
    }
}

function toPlain(struct: any): Record<string, unknown> {
    return struct ? (struct.toJavaScript() as Record<string, unknown>) : {};
}

class RecordingMonitor extends MockMonitor {
    constructor(mocks: pulumi.runtime.Mocks, private readonly recorder: Recorder) {
        super(mocks);
    }

    async registerResource(req: any, callback: (err: any, resp: any) => void): Promise<void> {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        await super.registerResource(req, (err: any, resp: any) => {
            if (!err) {
                this.recorder.resources.push({
                    urn: resp.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    parent: req.getParent() || undefined,
                    id: resp.getId() || undefined,
                    inputs: toPlain(req.getObject()),
                    outputs: toPlain(resp.getObject()),
                    propertyDependencies,
                    ...recordedOptions(req),
                });
            }
            callback(err, resp);
        });
    }

    registerResourceOutputs(req: any, callback: (err: any, resp: any) => void): void {
        const recorded = this.recorder.resources.find((r) => r.urn === req.getUrn());
        if (recorded) {
            recorded.outputs = toPlain(req.getOutputs());
        }
        super.registerResourceOutputs(req, callback);
    }
}

/**
 * Points the Pulumi runtime at mocks that answer from the simulated AWS and returns the recorder they fill.
 * Call it before constructing components (a fresh recorder each time).
 */
export async function setSimulatedMocks(options: SimulatedMocksOptions = {}): Promise<Recorder> {
    const ctx: SimulationContext = { region: options.region ?? DEFAULT_SIMULATED_REGION, preview: options.preview ?? false };
    const mocks: pulumi.runtime.Mocks = {
        newResource: (args) => {
            if (!args.custom) {
                return { id: undefined, state: args.inputs };
            }
            const simulated = simulateResource(args.type, args.name, args.inputs, ctx);
            return { id: simulated.id, state: simulated.outputs };
        },
        call: (args) => simulateInvoke(args.token, args.inputs, ctx),
    };
    const recorder = new Recorder();
    const project = options.project ?? "ecs-fargate";
    const stack = options.stack ?? "test";
    await pulumi.runtime.setMocks(mocks, project, stack, ctx.preview);
    settings.setMockOptions(new RecordingMonitor(mocks, recorder), project, stack, ctx.preview);
    // setMockOptions resets the feature flags setMocks had set; restore the ones that shape what is recorded,
    // so secrets stay secret and resource references stay references, as with the real engine.
    // getStore is internal in the SDK's typings, as is the store itself.
    const store = (state as unknown as { getStore(): Record<string, boolean> }).getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    return recorder;
}

/** Waits until every registration the program has started is answered. */
export async function settle(): Promise<void> {
    // waitForRPCs is marked internal in the SDK's typings, but it is how the SDK itself drains registrations.
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** Resolves an output's value in tests (undefined when unknown). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}
