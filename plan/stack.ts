/**
 * Loads a Pulumi project and one of its stacks (`Pulumi.yaml`, `Pulumi.<stack>.yaml`), turns the stack's config
 * into the map the SDK reads (`PULUMI_CONFIG`: `namespace:key` → string, structured values as JSON), and runs the
 * project's Node.js program in this process under the simulated-AWS mocks, returning what it registered.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { registerTypeScript as registerProgramTypeScript } from "../engine/typescript";
import { setSimulatedMocks, settle } from "../sim/mocks";
import { DEFAULT_SIMULATED_REGION } from "../sim/simulator";
import { RecordedResource } from "../sim/types";
import { redact, STACK_TYPE } from "./values";

/** An error the user can fix: the message names the stack, the file and what to do. */
export class PlanError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanError";
    }
}

/** A project and stack, loaded and checked, ready to run. */
export interface LoadedStack {
    projectDir: string;
    project: string;
    stack: string;
    /** Absolute path of the stack file. */
    stackFile: string;
    /** Absolute path of the program's entry module. */
    program: string;
    /** Config as the SDK reads it: `namespace:key` → string value. */
    config: Record<string, string>;
    secretKeys: string[];
    region: string;
    /** Things the offline run could not honour (encrypted secrets, ESC environments). */
    warnings: string[];
}

/** Placeholder for an encrypted config value, which cannot be decrypted without the stack's secrets provider. */
export const SECRET_PLACEHOLDER = "offline-plan-secret";

function readYaml(file: string, what: string): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        const reason = e instanceof yaml.YAMLException ? e.message : String(e);
        throw new PlanError(`${what}: ${path.basename(file)} is not valid YAML: ${reason}. Fix the file and run the plan again.`);
    }
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The stacks a project folder has files for. */
export function stacksIn(projectDir: string): string[] {
    return fs.readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** The full config key: `ns:key` stays, a bare `key` belongs to the project. */
export function fullKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** A config value as the SDK stores it: strings as they are, numbers and booleans as text, objects and lists as JSON. */
export function configValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

const CONFIG_TYPES: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    integer: (v) => Number.isInteger(v) || (typeof v === "string" && /^-?\d+$/.test(v)),
    boolean: (v) => typeof v === "boolean" || v === "true" || v === "false",
    array: (v) => Array.isArray(v),
    object: (v) => isObject(v),
};

/**
 * Turns the project's config declarations and the stack's values into the SDK's config map. A value that does not
 * match its declared `type` is an error naming the key, the file and the value.
 */
export function buildConfig(project: string, projectConfig: Record<string, unknown>, stackConfig: Record<string, unknown>, stack: string, stackFileName: string): { config: Record<string, string>; secretKeys: string[]; warnings: string[] } {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const warnings: string[] = [];
    const declared = new Map<string, Record<string, unknown>>();
    for (const [key, decl] of Object.entries(projectConfig)) {
        const k = fullKey(project, key);
        if (isObject(decl) && ("type" in decl || "default" in decl || "description" in decl || "secret" in decl || "value" in decl)) {
            declared.set(k, decl);
            const dflt = "value" in decl ? decl.value : decl.default;
            if (dflt !== undefined) {
                config[k] = configValue(dflt);
            }
        } else {
            config[k] = configValue(decl);
        }
    }
    for (const [key, value] of Object.entries(stackConfig)) {
        const k = fullKey(project, key);
        if (isObject(value) && typeof value.secure === "string" && Object.keys(value).length === 1) {
            config[k] = SECRET_PLACEHOLDER;
            secretKeys.push(k);
            warnings.push(`${k} is encrypted in ${stackFileName}; the offline plan uses the placeholder "${SECRET_PLACEHOLDER}".`);
            continue;
        }
        const type = declared.get(k)?.type;
        if (typeof type === "string" && CONFIG_TYPES[type] && !CONFIG_TYPES[type](value)) {
            throw new PlanError(
                `stack "${stack}": ${stackFileName} sets \`${k}\` to ${JSON.stringify(value)}, but Pulumi.yaml declares it as ${type}. ` +
                    `Set a value of type ${type} in ${stackFileName}.`,
            );
        }
        config[k] = configValue(value);
        if (declared.get(k)?.secret === true) {
            secretKeys.push(k);
        }
    }
    return { config, secretKeys, warnings };
}

/** Reads and checks the project and the stack's config; throws `PlanError` with what to do on any problem. */
export function loadStack(projectDir: string, stack: string): LoadedStack {
    const dir = path.resolve(projectDir);
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!projectFile) {
        throw new PlanError(`no Pulumi.yaml in ${dir}: run the plan from the project folder (or pass --cwd <folder>).`);
    }
    const projectDoc = readYaml(projectFile, "project");
    if (!isObject(projectDoc) || typeof projectDoc.name !== "string") {
        throw new PlanError(`project: ${path.basename(projectFile)} in ${dir} has no \`name\`; add \`name: <project>\` to it.`);
    }
    const project = projectDoc.name;
    const runtime = isObject(projectDoc.runtime) ? projectDoc.runtime.name : projectDoc.runtime;
    if (runtime !== "nodejs") {
        throw new PlanError(`project ${project}: runtime ${JSON.stringify(runtime)} in ${path.basename(projectFile)}; the offline plan runs Node.js (runtime: nodejs) programs only.`);
    }
    const stackFile = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!stackFile) {
        const known = stacksIn(dir);
        throw new PlanError(
            `stack "${stack}": no Pulumi.${stack}.yaml in ${dir}. ` +
                (known.length > 0 ? `Stacks with a file here: ${known.join(", ")}; pass --stack <name>, or ` : "") +
                `create Pulumi.${stack}.yaml (pulumi stack init ${stack}, then pulumi config set ...).`,
        );
    }
    const stackFileName = path.basename(stackFile);
    const stackDoc = readYaml(stackFile, `stack "${stack}"`) ?? {};
    if (!isObject(stackDoc)) {
        throw new PlanError(`stack "${stack}": ${stackFileName} must be a mapping with a \`config:\` section; found ${JSON.stringify(stackDoc)}.`);
    }
    const stackConfig = stackDoc.config ?? {};
    if (!isObject(stackConfig)) {
        throw new PlanError(`stack "${stack}": \`config\` in ${stackFileName} must be a mapping of keys to values; found ${JSON.stringify(stackConfig)}.`);
    }
    const projectConfig = isObject(projectDoc.config) ? projectDoc.config : {};
    const { config, secretKeys, warnings } = buildConfig(project, projectConfig, stackConfig, stack, stackFileName);
    if (stackDoc.environment !== undefined) {
        warnings.push(`${stackFileName} imports an ESC environment; the offline plan cannot open it, only the values in the file are used.`);
    }
    let main = typeof projectDoc.main === "string" ? path.resolve(dir, projectDoc.main) : dir;
    if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
        main = ["index.ts", "index.js"].map((f) => path.join(main, f)).find((f) => fs.existsSync(f)) ?? path.join(main, "index.ts");
    }
    if (!fs.existsSync(main)) {
        throw new PlanError(`project ${project}: the program ${path.relative(dir, main) || main} does not exist; set \`main\` in ${path.basename(projectFile)} to the program's entry file.`);
    }
    return { projectDir: dir, project, stack, stackFile, program: main, config, secretKeys, region: config["aws:region"] ?? DEFAULT_SIMULATED_REGION, warnings };
}

/** Lets `require` load the stack's program, a TypeScript one as Pulumi's Node.js language host does (engine/typescript.ts). */
export function registerTypeScript(loaded: LoadedStack): void {
    try {
        registerProgramTypeScript(loaded.projectDir, loaded.program);
    } catch (err) {
        throw new PlanError(`project ${loaded.project}: ${(err as Error).message}.`);
    }
}

/** The SDK's per-process state (config map, root stack resource); internal to the SDK, so typed here. */
const sdkState: { getStore(): { config: Record<string, string> }; setStackResource(stack: unknown): void } = require("@pulumi/pulumi/runtime/state");

/** What a simulated run of a stack produced. */
export interface StackRun {
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
}

function describe(e: unknown): string {
    if (e instanceof Error) {
        return e.message.replace(/^Error: /, "");
    }
    return String(e);
}

/**
 * Runs the stack's program in this process against the simulated AWS, as `pulumi up` would with that config, and
 * returns every resource it registered. Program errors become a `PlanError` naming the stack and the program.
 */
export async function runStack(loaded: LoadedStack): Promise<StackRun> {
    // The run leaves the process as it found it: config and root stack resource are restored afterwards, so that
    // code running later in the same process (tests, the benchmark) does not see this stack's config.
    const store = sdkState.getStore();
    const savedConfig = { ...store.config };
    registerTypeScript(loaded);
    const recorder = await setSimulatedMocks({ project: loaded.project, stack: loaded.stack, preview: false, region: loaded.region });
    pulumi.runtime.setAllConfig(loaded.config, loaded.secretKeys);
    const asyncErrors: unknown[] = [];
    const onRejection = (e: unknown) => asyncErrors.push(e);
    process.on("unhandledRejection", onRejection);
    const before = new Set(Object.keys(require.cache));
    const programName = path.relative(loaded.projectDir, loaded.program);
    // The language host runs a program in its project folder (`--pwd`): relative paths in config mean that folder.
    const cwd = process.cwd();
    process.chdir(loaded.projectDir);
    // The SDK captures a stack trace for every promise it makes (for its leak report), and under ts-node each one is
    // source-mapped: most of a large stack's run time. The plan reports program errors by message, never by stack.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            const mod = require(loaded.program);
            return typeof mod?.default === "function" ? await mod.default() : mod;
        });
        await settle();
        if (asyncErrors.length > 0) {
            throw asyncErrors[0];
        }
        // The stack's outputs as the engine records them, so secret outputs stay marked and are printed as [secret].
        const stackResource = recorder.resources.find((r) => r.type === STACK_TYPE);
        return { resources: recorder.resources, outputs: redact(stackResource?.outputs ?? {}) as Record<string, unknown> };
    } catch (e) {
        if (e instanceof PlanError) {
            throw e;
        }
        throw new PlanError(
            `stack "${loaded.stack}": the program ${programName} failed with ${path.basename(loaded.stackFile)}: ${describe(e)}\n` +
                `Check the values in ${path.basename(loaded.stackFile)} (or the program) and run the plan again.`,
        );
    } finally {
        for (const key of Object.keys(store.config)) {
            delete store.config[key];
        }
        Object.assign(store.config, savedConfig);
        sdkState.setStackResource(undefined);
        Error.stackTraceLimit = stackTraceLimit;
        process.chdir(cwd);
        process.off("unhandledRejection", onRejection);
        for (const key of Object.keys(require.cache)) {
            if (!before.has(key) && !key.includes(`${path.sep}node_modules${path.sep}`)) {
                delete require.cache[key];
            }
        }
    }
}
