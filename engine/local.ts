/**
 * Runs a project through the real Pulumi CLI against the simulated cloud: `preview`, `up`, `destroy` and `refresh`
 * of one stack, with the program as an Automation API inline program (the language hosts cannot be had here, so
 * the CLI talks to the SDK's in-process language server).
 *
 * A TypeScript project's program is its `Pulumi.yaml` `main`, `require`d fresh for each run, in the project's
 * folder (as the Node language host runs it). Python and Go programs (the project's `Pulumi.yaml` runtime) are
 * run by their own language's Automation API (`engine/drivers/`), with the same workspace and environment.
 */
import { execFile, spawn } from "child_process";
import * as path from "path";
import type { EngineEvent, OpMap, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { registerTypeScript } from "./typescript";
import { cliRoot, engineEnv, localPaths, LocalPaths, prepareWorkspace, ProjectInfo, REPO_ROOT, stackExists } from "./workspace";

/** The operations `ecs-fargate local` runs. */
export type LocalOperation = "preview" | "up" | "destroy" | "refresh";

/** One run of one stack. */
export interface LocalRunOptions {
    /** The project folder: `Pulumi.yaml`, `Pulumi.<stack>.yaml` and the program. */
    projectDir: string;
    stack: string;
    /** Where `.ecs-fargate/` goes. Defaults to `<projectDir>/.ecs-fargate`. */
    stateRoot?: string;
    /** Policy packs: executables the CLI launches as analyzer plugins (`--policy-pack`). */
    policyPacks?: string[];
    /** JSON files of policy config, one per pack (`--policy-pack-config`). */
    policyPackConfigs?: string[];
    /** The stack's config file, when not the project's `Pulumi.<stack>.yaml` (tests vary a stack this way). */
    stackFile?: string;
    /** Pulumi's progress output, as it is printed. */
    onOutput?: (text: string) => void;
    /** The engine's events (one per step and diagnostic), as the CLI streams them. */
    onEvent?: (event: EngineEvent) => void;
    /** Stop the operation (the CLI is sent SIGINT, as on Ctrl-C). */
    signal?: AbortSignal;
}

/** A failed run: the CLI's exit code and what it printed. */
export class LocalRunError extends Error {
    constructor(readonly exitCode: number, readonly stdout: string, readonly stderr: string) {
        super(`the Pulumi CLI exited with code ${exitCode}\n${stderr.trim()}`);
    }
}

/** What one run did. */
export interface LocalRunResult {
    /** The engine's change counts, e.g. `{ same: 38 }`. */
    changes: OpMap;
    /** The stack's outputs after the run (empty for a preview). */
    outputs: Record<string, unknown>;
    stdout: string;
}

/**
 * The Automation API, loaded where a program runs (the driver): with the SDK it is a second of CPU, which
 * `runLocal`, starting a driver, need not pay (nor `ecs-fargate local`, nor `exportResources`).
 */
function automation(): Promise<typeof import("@pulumi/pulumi/automation")> {
    return import("@pulumi/pulumi/automation");
}

/** The CLI, by its root: `PulumiCommand.get` runs `pulumi version` each time, once is enough for a process. */
const commands = new Map<string, Promise<PulumiCommand>>();

function cli(): Promise<PulumiCommand> {
    const root = cliRoot();
    let command = commands.get(root);
    if (command === undefined) {
        command = automation().then((auto) => auto.PulumiCommand.get({ root }));
        commands.set(root, command);
        command.catch(() => commands.delete(root));
    }
    return command;
}

/**
 * Loads a project's program afresh (a second run must run it again, not reuse the module cache), a TypeScript one
 * compiled as the Node language host does (`registerTypeScript`).
 */
function typescriptProgram(projectDir: string, entry: string): () => Promise<Record<string, unknown>> {
    const main = require.resolve(path.resolve(projectDir, entry));
    registerTypeScript(projectDir, main);
    return async () => {
        const previous = process.cwd();
        process.chdir(projectDir);
        try {
            delete require.cache[main];
            return { ...require(main) };
        } finally {
            process.chdir(previous);
        }
    };
}

/** The stack, selected (or created) in the project's local workspace. */
export async function localStack(options: LocalRunOptions): Promise<{ stack: Stack; project: ProjectInfo; paths: LocalPaths }> {
    const paths = localPaths(options.projectDir, options.stateRoot);
    const project = prepareWorkspace(paths, options.projectDir, options.stack, options.stackFile);
    if (project.runtime !== "nodejs") {
        throw new Error(`${options.projectDir}: runtime ${project.runtime} runs through its own driver (engine/drivers), not the TypeScript one`);
    }
    const { LocalWorkspace, StackAlreadyExistsError } = await automation();
    const args = { stackName: options.stack, projectName: project.name, program: typescriptProgram(options.projectDir, project.main) };
    const workspace = { workDir: paths.work, pulumiCommand: await cli(), envVars: engineEnv(paths, project.region, options.projectDir) };
    const stack = stackExists(paths, project.name, options.stack)
        ? await LocalWorkspace.selectStack(args, workspace)
        : await LocalWorkspace.createStack(args, workspace).catch((err) => {
            if (err instanceof StackAlreadyExistsError) {
                return LocalWorkspace.selectStack(args, workspace);
            }
            throw err;
        });
    return { stack, project, paths };
}

/**
 * Runs one operation on the stack; rejects with a `LocalRunError` carrying the CLI's exit code. Each language's
 * program runs in a driver process of its own (engine/drivers/): an inline program leaves the SDK's runtime state
 * behind in the process that ran it, which must not be the caller's (the unit tests' mocks share it).
 */
export async function runLocal(operation: LocalOperation, options: LocalRunOptions): Promise<LocalRunResult> {
    const paths = localPaths(options.projectDir, options.stateRoot);
    const runtime = prepareWorkspace(paths, options.projectDir, options.stack, options.stackFile).runtime;
    if (runtime === "python" || runtime === "go" || runtime === "nodejs") {
        return runDriver(runtime, operation, options);
    }
    throw new Error(`${options.projectDir}: runtime ${runtime} is not supported; use nodejs (TypeScript), python or go`);
}

/**
 * Runs a TypeScript project's program in this process (engine/drivers/typescript.ts calls it); rejects with a
 * `LocalRunError`.
 */
export async function runTypescriptHere(operation: LocalOperation, options: LocalRunOptions): Promise<LocalRunResult> {
    try {
        return await runTypescript(operation, options);
    } catch (err) {
        const result = (err as { commandResult?: { stdout: string; stderr: string; err?: { exitCode?: number; stderr?: unknown } } }).commandResult;
        if (result) {
            // A CLI that exits non-zero reaches the SDK as execa's error, whose message (the result's `stderr`) is the
            // command line, the CLI's stderr and its whole stdout again: the CLI's own stderr is the error's.
            const cliStderr = typeof result.err?.stderr === "string" ? result.err.stderr : result.stderr;
            throw new LocalRunError(result.err?.exitCode ?? 1, result.stdout, cliStderr);
        }
        throw err;
    }
}

async function runTypescript(operation: LocalOperation, options: LocalRunOptions): Promise<LocalRunResult> {
    const { stack } = await localStack(options);
    const stackOutputs = stack.outputs.bind(stack);
    const result = resultFromEvents(stack);
    const onEvent = (e: EngineEvent) => {
        result.see(e);
        options.onEvent?.(e);
    };
    const common = { onOutput: options.onOutput, onEvent, signal: options.signal, color: "never" as const };
    const policy = { policyPacks: options.policyPacks, policyPackConfigs: options.policyPackConfigs };
    switch (operation) {
        case "preview": {
            const r = await stack.preview({ ...common, ...policy });
            return { changes: r.changeSummary, outputs: {}, stdout: r.stdout };
        }
        case "up": {
            const r = await stack.up({ ...common, ...policy });
            return { changes: result.changes(), outputs: result.outputs(), stdout: r.stdout };
        }
        case "destroy": {
            const r = await stack.destroy(common);
            return { changes: result.changes(), outputs: {}, stdout: r.stdout };
        }
        case "refresh": {
            // A refresh does not run the program, so it has no outputs event of the stack: they are asked of the CLI.
            const r = await stack.refresh(common);
            return { changes: result.changes(), outputs: plainOutputs(await stackOutputs()), stdout: r.stdout };
        }
    }
}

/**
 * An operation's result as its own engine events tell it: the change counts (the summary event) and the stack's
 * outputs (the root stack's outputs event; a secret one reads "[secret]", as the CLI prints it).
 *
 * `Stack.up`, `destroy` and `refresh` end with three more CLI runs only to fill in their result objects (`stack
 * output` twice, then `stack history`), which cost 0.8 s of every `local up`; the result here uses neither. So this
 * stack's `outputs()` and `info()`, which those operations call once the CLI has exited, answer without the CLI.
 */
function resultFromEvents(stack: Stack) {
    Object.assign(stack, { outputs: async () => ({}), info: async () => undefined });
    let summary: OpMap | undefined;
    let outputs: Record<string, unknown> = {};
    return {
        see(e: EngineEvent): void {
            if (e.summaryEvent) {
                summary = e.summaryEvent.resourceChanges;
            }
            const step = e.resOutputsEvent?.metadata;
            if (step?.type === STACK_TYPE && step.new?.outputs) {
                outputs = step.new.outputs;
            }
        },
        changes(): OpMap {
            if (summary === undefined) {
                throw new Error("the Pulumi CLI exited without the summary event of its operation");
            }
            return summary;
        },
        outputs: () => outputs,
    };
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The TypeScript driver, compiled (`npm run build`), so that only the project's program is compiled at run time;
 * the Python driver's interpreter (tools/setup-polyglot.sh) and the built Go driver.
 */
const TYPESCRIPT_DRIVER = path.join(REPO_ROOT, "dist", "engine", "drivers", "typescript.js");
const PYTHON = path.join(REPO_ROOT, "build", "venv", "bin", "python");
const GO_DRIVER = path.join(REPO_ROOT, "build", "bin", "ecs-fargate-go-driver");
/** The drivers' last line: the change counts and outputs. */
export const RESULT_PREFIX = "ECS_FARGATE_RESULT ";
/** A line of the TypeScript driver: one engine event, as JSON. */
export const EVENT_PREFIX = "ECS_FARGATE_EVENT ";

function driverCommand(language: "nodejs" | "python" | "go", operation: LocalOperation, options: LocalRunOptions, project: ProjectInfo, paths: LocalPaths): [string, string[]] {
    if (language === "nodejs") {
        const { onOutput: _o, onEvent, signal: _s, ...plain } = options;
        return [process.execPath, [TYPESCRIPT_DRIVER, operation, JSON.stringify({ ...plain, events: onEvent !== undefined })]];
    }
    const flags = ["--op", operation, "--stack", options.stack, "--project", project.name, "--work", paths.work, "--cli-root", cliRoot(),
        ...(options.policyPacks ?? []).flatMap((p) => ["--policy-pack", p]),
        ...(options.policyPackConfigs ?? []).flatMap((c) => ["--policy-pack-config", c]),
        ...(stackExists(paths, project.name, options.stack) ? [] : ["--new"])];
    return language === "python"
        ? [PYTHON, [path.join(REPO_ROOT, "engine", "drivers", "python_driver.py"), ...flags, "--program", path.resolve(options.projectDir)]]
        : [GO_DRIVER, flags.map((f) => (f.startsWith("--") ? f.slice(1) : f))];
}

/** Runs a project's program through its language's driver (engine/drivers/), streaming its output. */
function runDriver(language: "nodejs" | "python" | "go", operation: LocalOperation, options: LocalRunOptions): Promise<LocalRunResult> {
    const paths = localPaths(options.projectDir, options.stateRoot);
    const project = prepareWorkspace(paths, options.projectDir, options.stack, options.stackFile);
    const [file, args] = driverCommand(language, operation, options, project, paths);
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, {
            cwd: path.resolve(options.projectDir),
            env: { ...process.env, ...engineEnv(paths, project.region, options.projectDir) },
            stdio: ["ignore", "pipe", "pipe"],
            // Its own process group, so an abort is a Ctrl-C: SIGINT to the driver and the CLI it runs.
            detached: true,
        });
        let stdout = "";
        let stderr = "";
        let pending = "";
        let result: string | undefined;
        const line = (text: string) => {
            if (text.startsWith(RESULT_PREFIX)) {
                result = text.slice(RESULT_PREFIX.length);
            } else if (text.startsWith(EVENT_PREFIX)) {
                options.onEvent?.(JSON.parse(text.slice(EVENT_PREFIX.length)) as EngineEvent);
            } else {
                stdout += `${text}\n`;
                options.onOutput?.(`${text}\n`);
            }
        };
        child.stdout.on("data", (chunk: Buffer) => {
            const lines = (pending + chunk.toString()).split("\n");
            pending = lines.pop() ?? "";
            lines.forEach(line);
        });
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const abort = () => child.pid !== undefined && process.kill(-child.pid, "SIGINT");
        options.signal?.addEventListener("abort", abort);
        child.once("error", (err) => reject(new Error(`could not start the ${language} driver ${file} (run tools/setup-polyglot.sh): ${err.message}`)));
        child.once("close", (code) => {
            options.signal?.removeEventListener("abort", abort);
            if (pending) {
                line(pending);
            }
            if (code !== 0 || result === undefined) {
                reject(new LocalRunError(code || 1, stdout, stderr));
                return;
            }
            resolve({ ...(JSON.parse(result) as { changes: OpMap; outputs: Record<string, unknown> }), stdout });
        });
    });
}

function plainOutputs(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

/**
 * The stack's checkpoint: every resource the engine recorded, as `pulumi stack export` gives it. Secrets stay
 * encrypted (`{ <sig>, ciphertext }`), as the checkpoint holds them: decrypting them (`--show-secrets`, which the
 * Automation API's `exportStack` always passes) costs the passphrase's key derivation, PBKDF2 at 1,000,000 rounds,
 * a quarter of a second per export, and no caller reads them (the plan of a change compares secrets redacted).
 */
export async function exportResources(options: LocalRunOptions): Promise<ExportedResource[]> {
    const paths = localPaths(options.projectDir, options.stateRoot);
    const project = prepareWorkspace(paths, options.projectDir, options.stack, options.stackFile);
    const cli = path.join(cliRoot(), "bin", "pulumi");
    const stdout = await new Promise<string>((resolve, reject) => {
        execFile(cli, ["stack", "export", "--stack", options.stack, "--non-interactive"], {
            cwd: paths.work,
            env: { ...process.env, ...engineEnv(paths, project.region, options.projectDir) },
            maxBuffer: 256 * 1024 * 1024,
        }, (err, out, stderr) => (err
            ? reject(new Error(`pulumi stack export exited with code ${err.code ?? 1}: ${String(stderr).trim() || err.message}`))
            : resolve(out)));
    });
    return ((JSON.parse(stdout) as { deployment?: { resources?: ExportedResource[] } }).deployment?.resources ?? []);
}

/** One resource of a `pulumi stack export`. */
export interface ExportedResource {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    parent?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: string;
    retainOnDelete?: boolean;
}
