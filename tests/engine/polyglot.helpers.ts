/**
 * Runs the demo from TypeScript (index.ts), Python (examples/python) and Go (examples/go) through the real
 * engine, and reduces each stack's checkpoint to what the three must agree on.
 */
import * as path from "path";
import { ExportedResource, exportResources, LocalRunOptions, LocalRunResult, runLocal } from "../../engine/local";
import { REPO_ROOT } from "./helpers";

export type Language = "typescript" | "python" | "go";

export const PROJECT_DIRS: Record<Language, string> = {
    typescript: REPO_ROOT,
    python: path.join(REPO_ROOT, "examples", "python"),
    go: path.join(REPO_ROOT, "examples", "go"),
};

/** One language's run of one stack, in its own `.ecs-fargate/` (so its own simulated cloud). */
export async function deploy(language: Language, stack: string, stateRoot: string, stackFile: string): Promise<{ result: LocalRunResult; resources: ExportedResource[] }> {
    const options: LocalRunOptions = { projectDir: PROJECT_DIRS[language], stack, stateRoot, stackFile };
    const result = await runLocal("up", options);
    return { result, resources: await exportResources(options) };
}

/**
 * Each resource as the three languages must record it: type, parent, inputs, outputs, ID, provider (its
 * resource's URN; the provider's own ID is a random UUID) and property dependencies at the granularity a remote
 * component allows. A component built through Construct hands back outputs that depend on the component, not on
 * the child that produced them (the TypeScript demo, built in-process, sees the child), so a dependency on a
 * resource of another top-level component is named by that component.
 */
export function comparable(resources: ExportedResource[]): Record<string, unknown> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
    const topLevel = (urn: string): string => {
        let r = byUrn.get(urn);
        while (r && r.parent && r.parent !== stackUrn) {
            r = byUrn.get(r.parent);
        }
        return r ? r.urn : urn;
    };
    const deps = (owner: string, urns: string[] = []) =>
        [...new Set(urns.map((u) => (topLevel(u) === topLevel(owner) ? u : topLevel(u))))].sort();
    return Object.fromEntries(resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, {
        type: r.type,
        parent: r.parent,
        id: r.id,
        provider: r.provider?.split("::").slice(0, -1).join("::"),
        inputs: r.custom ? r.inputs : undefined,
        outputs: r.custom ? r.outputs : undefined,
        propertyDependencies: r.custom
            ? Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, deps(r.urn, v)]).filter(([, v]) => v.length > 0))
            : undefined,
    }]));
}
