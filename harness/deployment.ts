/**
 * One deployment of the test engine (a `pulumi preview` or `pulumi up`): its options, and everything that was
 * registered and logged during it.
 */
import { DEFAULT_SIMULATED_REGION, SimulationContext } from "../sim/simulator";
import { RecordedResource } from "../sim/types";

/** What one deployment (one `pulumi preview` or `pulumi up`) runs as. */
export interface DeploymentOptions {
    project: string;
    stack: string;
    /** A preview (`--dry-run`): values AWS computes stay unknown. Defaults to false (an update). */
    preview?: boolean;
    /** Stack config, keys as `namespace:key`, values as strings (objects JSON-encoded); `aws:region` sets the region. */
    config?: Record<string, string>;
    /** Keys of `config` that are secret. */
    configSecretKeys?: string[];
    organization?: string;
}

/** One message an SDK or plugin sent to `Engine.Log`. */
export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    /** The resource the message is about, if any. */
    urn?: string;
}

/** Everything one deployment registered and logged. */
export class Deployment {
    /** Every resource registered, in registration order (a forwarded remote registration appears once, as the component the plugin registered). */
    readonly resources: RecordedResource[] = [];
    readonly logs: LogEntry[] = [];
    /** The stack resource's URN, once the program set it. */
    rootUrn?: string;
    /** Where the simulated resources live. */
    readonly simulation: SimulationContext;

    constructor(readonly options: Required<Omit<DeploymentOptions, "organization">> & { organization: string }) {
        this.simulation = { region: options.config["aws:region"] ?? DEFAULT_SIMULATED_REGION, preview: options.preview };
    }

    /** The messages logged at error severity. */
    get errors(): LogEntry[] {
        return this.logs.filter((l) => l.severity === "error");
    }

    /** The resources of one type token. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this type and name; throws when there is not exactly one. */
    get(type: string, name: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
        }
        return found[0];
    }

    /** The direct children of the resource with this URN. */
    childrenOf(urn: string): RecordedResource[] {
        return this.resources.filter((r) => r.parent === urn);
    }

    /** The resource with this URN, if registered. */
    byUrn(urn: string): RecordedResource | undefined {
        return this.resources.find((r) => r.urn === urn);
    }
}
