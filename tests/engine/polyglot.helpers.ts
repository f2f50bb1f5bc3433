/**
 * Runs the demo from TypeScript (index.ts), Python (examples/python) and Go (examples/go) through the real
 * engine, and reduces each stack's checkpoint to what the three must agree on. The engine launches this
 * package's component plugin (engine/bin/pulumi-resource-ecs-fargate) for the generated SDKs' components and the
 * simulated cloud's plugins for their children. Needs tools/setup-polyglot.sh (the SDKs, build/venv, the Go
 * driver).
 */
import * as assert from "assert";
import * as path from "path";
import { ExportedResource, exportResources, LocalRunOptions, LocalRunResult, runLocal } from "../../engine/local";
import { POLICY_PACK } from "../../engine/workspace";
import { redact } from "../../plan/values";
import { policyConfig, REPO_ROOT, requireCli, scratch, stackVariant } from "./helpers";

export type Language = "typescript" | "python" | "go";

/** The demo's stack outputs (index.ts, examples/python, examples/go), by name. */
export const DEMO_OUTPUTS = ["clusterArn", "imageUri", "loadBalancerArn", "logGroupName", "repositoryUrl", "serviceArn", "taskDefinitionArn", "url"];

export const PROJECT_DIRS: Record<Language, string> = {
    typescript: REPO_ROOT,
    python: path.join(REPO_ROOT, "examples", "python"),
    go: path.join(REPO_ROOT, "examples", "go"),
};

/** One language's run of one stack, in its own `.ecs-fargate/` (so its own simulated cloud). */
export async function deploy(language: Language, stack: string, stateRoot: string, stackFile: string, extra: Partial<LocalRunOptions> = {}): Promise<{ result: LocalRunResult; resources: ExportedResource[] }> {
    const options: LocalRunOptions = { projectDir: PROJECT_DIRS[language], stack, stateRoot, stackFile, ...extra };
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
        // Secrets as `[secret]`: an export keeps them encrypted, with a nonce of each stack's own.
        inputs: r.custom ? redact(r.inputs) : undefined,
        outputs: r.custom ? redact(r.outputs) : undefined,
        propertyDependencies: r.custom
            ? Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, deps(r.urn, v)]).filter(([, v]) => v.length > 0))
            : undefined,
    }]));
}

/**
 * The prod demo stack from the three languages: each deployed in its own `.ecs-fargate/`, with one absolute build
 * context (so the image's inputs match exactly); Python and Go must create as many resources as TypeScript, record
 * the same ones and report the same stack outputs. The TypeScript up runs under the policy pack with prod's config
 * (policy/config/prod.json) and must draw no policy event at all: in an up every value is known when its resource
 * is analyzed, and the stack policies get the outputs. (Dev is held against TypeScript in dev.test.ts, after
 * the resumed up of its lifecycle.)
 */
export function describePolyglotProd(): void {
    const stack = "prod";
    describe("the prod stack from TypeScript, Python and Go through the real engine", function () {
        this.timeout(600_000);
        const dir = scratch(`polyglot-${stack}`);
        let stackFile: string;
        const recorded: Partial<Record<Language, Record<string, unknown>>> = {};
        const changes: Partial<Record<Language, unknown>> = {};
        const outputs: Partial<Record<Language, unknown>> = {};
        const policyEvents: string[] = [];
        let typescriptOutput = "";

        before(async () => {
            requireCli();
            stackFile = stackVariant(dir, stack, (c) => (c["ecs-fargate-demo:registry"].build.context = path.join(REPO_ROOT, "app")));
            for (const language of ["typescript", "python", "go"] as const) {
                const underPack: Partial<LocalRunOptions> = language !== "typescript" ? {} : {
                    policyPacks: [POLICY_PACK],
                    policyPackConfigs: [policyConfig(stack)],
                    onEvent: (e) => e.policyEvent && policyEvents.push(`${e.policyEvent.enforcementLevel} ${e.policyEvent.policyName}: ${e.policyEvent.message}`),
                };
                const { result, resources } = await deploy(language, stack, path.join(dir, language), stackFile, underPack);
                recorded[language] = comparable(resources);
                typescriptOutput = language === "typescript" ? result.stdout : typescriptOutput;
                changes[language] = result.changes;
                outputs[language] = result.outputs;
            }
        });

        it("passes the TypeScript up under the pack with prod's config, with no policy event of any level", () => {
            assert.deepStrictEqual(policyEvents, []);
            // The CLI lists the pack it ran, passed.
            assert.match(typescriptOutput, /Policies:\n\s+✅ ecs-fargate-policy@v\d+\.\d+\.\d+ \(local: .*ecs-fargate-policy-pack\)\n/);
        });

        for (const language of ["python", "go"] as const) {
            it(`creates from ${language} as many resources as from TypeScript`, () => {
                assert.deepStrictEqual(changes[language], changes.typescript);
            });

            it(`reports from ${language} the TypeScript demo's stack outputs, read from the engine's events`, () => {
                assert.deepStrictEqual(Object.keys(outputs.typescript as object).sort(), DEMO_OUTPUTS);
                assert.deepStrictEqual(outputs[language], outputs.typescript);
            });

            it(`records from ${language} the TypeScript demo's resources, inputs, outputs and dependency graph`, () => {
                assert.deepStrictEqual(recorded[language], recorded.typescript);
            });
        }
    });
}
