/**
 * The platform from Python and Go: `examples/python-platform` and `examples/go-platform` build one of each
 * service component (FargateCluster, LoadBalancer, two WebServices, WorkerService) through the generated SDKs and
 * the provider plugin's `Construct`. Both must register the same resources, with one load balancer and a listener
 * rule per web service. Needs `tools/setup-polyglot.sh` first.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProviderPlugin, TestEngine } from "../../harness/engine";
import { loadStackConfig, ProgramRun, runProgram } from "../../harness/programs";

const ROOT = path.resolve(__dirname, "..", "..");
const PYTHON = path.join(ROOT, "build", "venv", "bin", "python");
const PYTHON_RUNNER = path.join(__dirname, "run_python_program.py");
const PYTHON_EXAMPLE = path.join(ROOT, "examples", "python-platform");
const GO_EXAMPLE = path.join(ROOT, "examples", "go-platform");
const STACK_DIR = path.join(ROOT, "stacks", "platform");

function comparable(run: ProgramRun) {
    return run.resources.map((r) => ({ urn: r.urn, type: r.type, parent: r.parent, inputs: r.inputs, outputs: r.outputs })).sort((a, b) => a.urn.localeCompare(b.urn));
}

function assertSucceeded(run: ProgramRun, what: string): void {
    const errors = run.logs.filter((l) => l.severity === "error").map((l) => l.message);
    assert.equal(run.exitCode, 0, `${what} exited ${run.exitCode}\nerrors: ${errors.join("\n")}\nstderr: ${run.stderr}`);
    assert.deepEqual(errors, [], `${what} logged errors`);
}

describe("the platform from Python and Go, through the generated SDKs and Construct", function () {
    this.timeout(300_000);
    let engine: TestEngine;
    let plugin: ProviderPlugin;
    const runs: Record<"python" | "go", ProgramRun> = {} as never;
    let binaryDir = "";

    before(async () => {
        if (!fs.existsSync(PYTHON)) {
            throw new Error("no build/venv: run tools/setup-polyglot.sh first");
        }
        binaryDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-go-platform-"));
        const binary = path.join(binaryDir, "platform");
        const built = spawnSync("go", ["build", "-o", binary, "."], { cwd: GO_EXAMPLE, encoding: "utf8" });
        assert.equal(built.status, 0, `go build in examples/go-platform failed (run tools/setup-polyglot.sh first):\n${built.stderr}`);
        engine = await TestEngine.start();
        plugin = await ProviderPlugin.launch(ROOT, engine.address);
        engine.useProvider("ecs-fargate", plugin);
        const stack = loadStackConfig(STACK_DIR, "platform");
        const common = { project: stack.project, stack: "platform", config: stack.config, configSecretKeys: stack.configSecretKeys, preview: false };
        runs.python = await runProgram(engine, {
            ...common, language: "python", cwd: PYTHON_EXAMPLE,
            command: [PYTHON, PYTHON_RUNNER, "--monitor", engine.address, "--engine", engine.address, "--project", stack.project,
                "--stack", "platform", "--organization", "organization", "--dry_run", "false", "--pwd", PYTHON_EXAMPLE, "."],
        });
        runs.go = await runProgram(engine, { ...common, language: "go", cwd: GO_EXAMPLE, command: [binary] });
    });

    after(async () => {
        await plugin?.stop();
        await engine?.stop();
        fs.rmSync(binaryDir, { recursive: true, force: true });
    });

    for (const language of ["python", "go"] as const) {
        it(`builds one of each service component from ${language}, with one load balancer and a rule per web service`, () => {
            assertSucceeded(runs[language], `examples/${language}-platform`);
            const components = runs[language].resources.filter((r) => r.type.startsWith("ecs-fargate:index:")).map((r) => `${r.type.split(":")[2]} ${r.name}`).sort();
            assert.deepEqual(components, ["FargateCluster main", "LoadBalancer edge", "WebService api", "WebService www", "WorkerService worker"]);
            const of = (type: string) => runs[language].resources.filter((r) => r.type === type);
            assert.equal(of("aws:lb/loadBalancer:LoadBalancer").length, 1);
            assert.deepEqual(of("aws:lb/listenerRule:ListenerRule").map((r) => [r.name, r.inputs.priority]).sort(), [["api-rule", 10], ["www-rule", 20]]);
            const api = of("aws:ecs/service:Service").find((r) => r.name === "api")!;
            assert.equal((api.inputs.deploymentConfiguration as any).strategy, "BLUE_GREEN");
        });
    }

    it("registers the same resources from Python and Go", () => {
        assert.deepEqual(comparable(runs.go), comparable(runs.python));
    });
});
