/**
 * Shared test helpers: construct components under the simulated-AWS mocks and read what they registered.
 */
import { KeyTable } from "../components/argKeys";
import { Recorder, setSimulatedMocks, settle } from "../sim/mocks";
import { RecordedResource } from "../sim/types";
import { WebServiceArgs } from "../components";

/** Runs `program` under fresh mocks (an update unless `preview`) and returns every registration. */
export async function record(program: () => void, options: { preview?: boolean; stack?: string } = {}): Promise<Recorder> {
    const recorder = await setSimulatedMocks({ preview: options.preview, stack: options.stack });
    program();
    await settle();
    return recorder;
}

/** `type name` of each child of the component `name` (any component type), sorted. */
export function childrenOf(recorder: Recorder, componentName: string): string[] {
    const component = recorder.resources.find((r) => !r.custom && r.name === componentName);
    if (!component) {
        throw new Error(`no component named ${componentName}`);
    }
    return recorder.childrenOf(component.urn).map((r) => `${r.type} ${r.name}`).sort();
}

/** The parsed JSON of a string input. */
export function json(resource: RecordedResource, key: string): any {
    return JSON.parse(resource.inputs[key] as string);
}

/** Runs `program` under mocks and returns the error it throws (fails when it throws none). */
export async function constructionError(program: () => void): Promise<{ error: Error; recorder: Recorder }> {
    const recorder = await setSimulatedMocks();
    try {
        program();
    } catch (error) {
        await settle();
        return { error: error as Error, recorder };
    }
    throw new Error("expected construction to fail, but it succeeded");
}

/** The arguments every WebService needs, in a network and cluster that need not exist (the mocks answer). */
export const REQUIRED_WEB_SERVICE_ARGS: WebServiceArgs = {
    clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/main",
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    loadBalancerSubnetIds: ["subnet-c", "subnet-d"],
    image: "nginx:1.27",
};

/**
 * Every key path of an argument table (components/argKeys.ts), nested objects and lists of objects followed:
 * `deployment.canaryPercent`, `sidecars.ports`.
 */
export function keyPaths(table: KeyTable, prefix = ""): string[] {
    return Object.entries(table).flatMap(([key, arg]) => [
        `${prefix}${key}`,
        ...(arg === "value" ? [] : keyPaths("object" in arg ? arg.object : arg.listOf, `${prefix}${key}.`)),
    ]);
}
