/**
 * The demo in Python and Go: `examples/python` and `examples/go` use the SDKs generated from `schema.json`
 * (tools/sdkgen), run on the real Pulumi SDK of their language against the test engine, which forwards each
 * remote component registration to the provider plugin's `Construct`. What they register must equal what the
 * TypeScript demo (`index.ts`) registers for the same stack config: every resource's type, name, parent, inputs
 * and outputs, and the stack's outputs.
 *
 * Needs `tools/setup-polyglot.sh` first (the SDKs, build/venv, the Go modules).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProviderPlugin, TestEngine } from "../../harness/engine";
import { loadStackConfig, ProgramRun, runProgram, StackConfig } from "../../harness/programs";
import { RecordedResource } from "../../sim/types";
import { unknownPaths } from "../provider/shapes";

const ROOT = path.resolve(__dirname, "..", "..");
const PYTHON = path.join(ROOT, "build", "venv", "bin", "python");
const PYTHON_RUNNER = path.join(__dirname, "run_python_program.py");
const PYTHON_EXAMPLE = path.join(ROOT, "examples", "python");
const GO_EXAMPLE = path.join(ROOT, "examples", "go");
const SETUP_HINT = "run tools/setup-polyglot.sh first";

/** A resource as two runs of the same stack must agree on it (same engine, so the same URNs). */
function comparable(r: RecordedResource) {
    return { urn: r.urn, type: r.type, name: r.name, custom: r.custom, parent: r.parent, inputs: r.inputs, outputs: r.outputs };
}

function byUrn(run: ProgramRun) {
    return run.resources.map(comparable).sort((a, b) => a.urn.localeCompare(b.urn));
}

function stackOf(run: ProgramRun): RecordedResource {
    const stacks = run.resources.filter((r) => r.type === "pulumi:pulumi:Stack");
    assert.equal(stacks.length, 1, "one stack resource");
    return stacks[0];
}

/**
 * Each custom resource's property dependencies, at the granularity a remote component allows: a component built
 * through `Construct` hands back outputs that depend on the component itself, not on the child that produced them
 * (the TypeScript demo, built in-process, sees the child). So a dependency on a resource of another top-level
 * component is named by that component; one within the same component keeps its own URN.
 */
function dependencyGraph(run: ProgramRun): Record<string, Record<string, string[]>> {
    const byUrnMap = new Map(run.resources.map((r) => [r.urn, r]));
    const stackUrn = stackOf(run).urn;
    const topLevel = (urn: string): string => {
        let r = byUrnMap.get(urn);
        while (r && r.parent && r.parent !== stackUrn) {
            r = byUrnMap.get(r.parent);
        }
        return r ? r.urn : `unregistered ${urn}`;
    };
    return Object.fromEntries(
        run.resources
            .filter((r) => r.custom)
            .map((r) => [r.urn, Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, urns]) => [
                key,
                [...new Set(urns.map((u) => (topLevel(u) === topLevel(r.urn) ? u : topLevel(u))))].sort(),
            ]))]),
    );
}

/** Fails with the program's own account of what went wrong. */
function assertSucceeded(run: ProgramRun, what: string): void {
    const errors = run.logs.filter((l) => l.severity === "error").map((l) => l.message);
    assert.equal(run.exitCode, 0, `${what} exited ${run.exitCode}\nerrors: ${errors.join("\n")}\nstderr: ${run.stderr}`);
    assert.deepEqual(errors, [], `${what} logged errors`);
}

function buildGoExample(): string {
    const binary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-go-")), "demo");
    const built = spawnSync("go", ["build", "-o", binary, "."], { cwd: GO_EXAMPLE, encoding: "utf8" });
    if (built.status !== 0) {
        throw new Error(`go build in examples/go failed (${SETUP_HINT}):\n${built.stderr}`);
    }
    return binary;
}

describe("the demo from Python and Go, through the generated SDKs and Construct", function () {
    this.timeout(300_000);
    let engine: TestEngine;
    let plugin: ProviderPlugin;
    let goBinary: string;

    before(async () => {
        if (!fs.existsSync(PYTHON)) {
            throw new Error(`no ${path.relative(ROOT, PYTHON)}: ${SETUP_HINT}`);
        }
        goBinary = buildGoExample();
        engine = await TestEngine.start();
        plugin = await ProviderPlugin.launch(ROOT, engine.address);
        engine.useProvider("ecs-fargate", plugin);
    });

    after(async () => {
        await plugin?.stop();
        await engine?.stop();
        if (goBinary) {
            fs.rmSync(path.dirname(goBinary), { recursive: true, force: true });
        }
    });

    const cases: { stackName: string; preview: boolean }[] = [
        { stackName: "dev", preview: false },
        { stackName: "prod", preview: false },
        { stackName: "dev", preview: true },
    ];
    for (const { stackName, preview } of cases) {
        describe(`the ${stackName} stack, ${preview ? "previewed (what AWS computes is unknown)" : "updated"}`, () => {
            const runs: Record<"typescript" | "python" | "go", ProgramRun> = {} as never;

            before(async () => {
                const stack: StackConfig = loadStackConfig(ROOT, stackName);
                const common = { project: stack.project, stack: stackName, config: stack.config, configSecretKeys: stack.configSecretKeys, preview };
                runs.typescript = await runProgram(engine, { ...common, language: "nodejs", cwd: ROOT, command: [stack.main] });
                runs.python = await runProgram(engine, {
                    ...common,
                    language: "python",
                    cwd: PYTHON_EXAMPLE,
                    command: [PYTHON, PYTHON_RUNNER, "--monitor", engine.address, "--engine", engine.address, "--project", stack.project,
                        "--stack", stackName, "--organization", "organization", "--dry_run", String(preview), "--pwd", PYTHON_EXAMPLE, "."],
                });
                runs.go = await runProgram(engine, { ...common, language: "go", cwd: GO_EXAMPLE, command: [goBinary] });
            });

            it("runs the TypeScript demo in-process as the baseline", () => {
                assertSucceeded(runs.typescript, "index.ts");
                const services = runs.typescript.resources.filter((r) => r.type === "aws:ecs/service:Service");
                assert.equal(services.length, 1, "the baseline has one ECS service");
                assert.equal(unknownPaths(services[0].inputs).length > 0, preview, "the service's inputs hold unknowns exactly in a preview");
            });

            for (const language of ["python", "go"] as const) {
                it(`runs the ${language} example without an error`, () => {
                    assertSucceeded(runs[language], `examples/${language}`);
                });

                it(`registers the three components from ${language}, under the program's stack`, () => {
                    const components = runs[language].resources.filter((r) => r.type.startsWith("ecs-fargate:index:"));
                    assert.deepEqual(components.map((r) => `${r.type} ${r.name}`).sort(), [
                        "ecs-fargate:index:FargateCluster main", "ecs-fargate:index:Registry app", "ecs-fargate:index:WebService web",
                    ]);
                    const stackUrn = stackOf(runs[language]).urn;
                    for (const c of components) {
                        assert.equal(c.parent, stackUrn, `${c.name} is a child of the ${language} program's stack`);
                    }
                });

                it(`registers from ${language} exactly the resources of the TypeScript demo: types, names, parents, inputs, outputs`, () => {
                    assert.deepEqual(byUrn(runs[language]), byUrn(runs.typescript));
                });

                it(`wires the same dependencies from ${language} as the TypeScript demo, component to component`, () => {
                    assert.deepEqual(dependencyGraph(runs[language]), dependencyGraph(runs.typescript));
                });
            }
        });
    }
});
