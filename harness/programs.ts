/**
 * Running a Pulumi program against the test engine, the way each language host runs it: a Node.js program
 * through `@pulumi/pulumi/cmd/run` with its flags and `PULUMI_CONFIG`; a Python or Go program as a command with
 * the environment its SDK reads (`PULUMI_MONITOR`, `PULUMI_ENGINE`, `PULUMI_PROJECT`, `PULUMI_STACK`,
 * `PULUMI_DRY_RUN`, `PULUMI_CONFIG`, …). A stack's config comes from `plan/stack.ts`'s `loadStack`, the one
 * reader of `Pulumi.yaml` and `Pulumi.<stack>.yaml`.
 */
import { spawn } from "child_process";
import * as path from "path";
import { loadStack } from "../plan/stack";
import { Deployment, LogEntry, TestEngine } from "./engine";
import { PULUMI_SDK_DIR } from "./providerPlugin";
import { RecordedResource } from "../sim/types";

/** The languages the test engine runs programs in. */
export type ProgramLanguage = "nodejs" | "python" | "go";

/** How to run one program. */
export interface ProgramOptions {
    language: ProgramLanguage;
    /**
     * nodejs: the program given to `cmd/run` (a file or directory, relative to `cwd`; defaults to `.`).
     * python, go: the command line to spawn, e.g. `["python3", "__main__.py"]` or `["./bin/demo"]`.
     */
    command?: string[];
    /** The project directory (`--pwd`). */
    cwd: string;
    project: string;
    stack: string;
    /** Stack config as `namespace:key` → string (`loadStack(dir, stack).config`). */
    config?: Record<string, string>;
    configSecretKeys?: string[];
    /** Run as `pulumi preview` (`--dry-run`). Defaults to false (`pulumi up`). */
    preview?: boolean;
    /** Extra environment for the program (e.g. `PYTHONPATH`, `GOFLAGS`). */
    env?: NodeJS.ProcessEnv;
    /** Kill the program after this long. Defaults to 120 s. */
    timeoutMs?: number;
}

/** What one program run left behind. */
export interface ProgramRun {
    deployment: Deployment;
    resources: RecordedResource[];
    logs: LogEntry[];
    /** The program's exit code (non-zero when it failed; the reason is usually in `logs`). */
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** A project's name, entry point and one stack's config, as the CLI would pass them to the program. */
export interface StackConfig {
    project: string;
    /** The program's entry point (`main` in `Pulumi.yaml`), relative to the project directory. */
    main: string;
    /** `namespace:key` → string, project defaults applied, structured values as JSON. */
    config: Record<string, string>;
    configSecretKeys: string[];
}

/** Reads a Node.js project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` in `dir`, through the plan's `loadStack`. */
export function loadStackConfig(dir: string, stack: string): StackConfig {
    const loaded = loadStack(dir, stack);
    return { project: loaded.project, main: path.relative(loaded.projectDir, loaded.program), config: loaded.config, configSecretKeys: loaded.secretKeys };
}

function programCommand(options: ProgramOptions, address: string): string[] {
    if (options.language !== "nodejs") {
        if (!options.command || options.command.length === 0) {
            throw new Error(`a ${options.language} program needs a command to run`);
        }
        return options.command;
    }
    const args = [path.join(PULUMI_SDK_DIR, "cmd", "run"), "--monitor", address, "--engine", address, "--project", options.project,
        "--stack", options.stack, "--pwd", options.cwd, "--parallel", "16", "--organization", "organization"];
    if (options.preview) {
        args.push("--dry-run");
    }
    args.push(...(options.command ?? ["."]));
    return [process.execPath, ...args];
}

/** Runs one program against the engine as a new deployment, and returns what it registered and logged. */
export function runProgram(engine: TestEngine, options: ProgramOptions): Promise<ProgramRun> {
    const config = options.config ?? {};
    const configSecretKeys = options.configSecretKeys ?? [];
    const preview = options.preview ?? false;
    const deployment = engine.begin({ project: options.project, stack: options.stack, preview, config, configSecretKeys });
    const [file, ...args] = programCommand(options, engine.address);
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(configSecretKeys),
        // The environment the Go and Python SDKs read.
        PULUMI_MONITOR: engine.address,
        PULUMI_ENGINE: engine.address,
        PULUMI_PROJECT: options.project,
        PULUMI_STACK: options.stack,
        PULUMI_ORGANIZATION: "organization",
        PULUMI_DRY_RUN: String(preview),
        PULUMI_PARALLEL: "16",
        PULUMI_ROOT_DIRECTORY: options.cwd,
        // Node: the language host's TypeScript default (`runtime.options.typescript`), transpile-only because
        // the project type-checks separately (`tsc --noEmit`), which saves seconds per run.
        PULUMI_NODEJS_TYPESCRIPT: "true",
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        TS_NODE_TRANSPILE_ONLY: "true",
        ...options.env,
    };
    const timeoutMs = options.timeoutMs ?? 120_000;
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`${options.language} program in ${options.cwd} did not finish within ${timeoutMs / 1000} s\n${stderr}`));
        }, timeoutMs);
        child.once("error", (err) => {
            clearTimeout(timer);
            reject(new Error(`could not start ${file}: ${err.message}`));
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ deployment, resources: deployment.resources, logs: deployment.logs, exitCode: code ?? 1, stdout, stderr });
        });
    });
}
