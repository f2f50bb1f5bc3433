/**
 * A project's local deployment setup for the real Pulumi CLI (`cliRoot`: a checkout's `build/bin/pulumi`, see
 * tools/pulumi-cli, else `pulumi` on PATH): a file
 * backend, a passphrase secrets provider and the simulated cloud, all under the project's `.ecs-fargate/`, and the
 * simulated cloud's provider plugins on PATH as ambient plugins.
 *
 * `.ecs-fargate/` holds:
 * - `state/`: the file backend (`PULUMI_BACKEND_URL=file://…`), the stacks' checkpoints;
 * - `cloud/`: the simulated AWS account (`sim/cloud.ts`), which outlives stacks, as a real account does;
 * - `home/`: `PULUMI_HOME` (plugin cache, workspace files), so nothing is written to the user's `~/.pulumi`;
 * - `work/`: the workspace the CLI runs in: copies of `Pulumi.yaml` (without `main`) and `Pulumi.<stack>.yaml`, so
 *   the CLI reads the project's own config while the secrets salt it adds stays out of the project.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CLOUD_DIR_ENV } from "../sim/cloud";
import { DEFAULT_SIMULATED_REGION } from "../sim/simulator";

/** The package's folder (the one whose package.json is `ecs-fargate`), from engine/ or from dist/engine/. */
function packageRoot(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).name === "ecs-fargate") {
            return dir;
        }
    }
    throw new Error(`no package.json of ecs-fargate above ${__dirname}`);
}

/** The package's root (the repository, or node_modules/ecs-fargate): where `engine/bin` and `dist/` are. */
export const REPO_ROOT = packageRoot();
/** Where tools/pulumi-cli/build.sh puts the CLI it builds, in a checkout: `<BUILT_CLI_ROOT>/bin/pulumi`. */
export const BUILT_CLI_ROOT = path.join(REPO_ROOT, "build");

/**
 * The directory `PulumiCommand.get({ root })` takes (the CLI is `<root>/bin/pulumi`): the checkout's built CLI
 * (tools/pulumi-cli) when there is one, else the `pulumi` on PATH, as an installed package finds it. Throws,
 * saying how to get one, when there is neither.
 */
export function cliRoot(searchPath = process.env.PATH ?? ""): string {
    if (isExecutable(path.join(BUILT_CLI_ROOT, "bin", "pulumi"))) {
        return BUILT_CLI_ROOT;
    }
    for (const dir of searchPath.split(path.delimiter).filter((d) => d !== "")) {
        const candidate = path.join(dir, "pulumi");
        if (path.basename(dir) === "bin" && isExecutable(candidate)) {
            return path.dirname(path.resolve(dir));
        }
    }
    throw new Error("no Pulumi CLI: install it (https://www.pulumi.com/docs/iac/download-install/) so that `pulumi` is on PATH, "
        + "or in a checkout of ecs-fargate build it with tools/pulumi-cli/build.sh (about 7 minutes once)");
}

function isExecutable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}
/** The ambient plugins: `pulumi-resource-aws`, `pulumi-resource-docker`, `pulumi-resource-ecs-fargate`. */
export const PLUGIN_BIN = path.join(REPO_ROOT, "engine", "bin");
/** The policy pack (policy/) as the executable analyzer the CLI launches (`--policy-pack`). */
export const POLICY_PACK = path.join(PLUGIN_BIN, "ecs-fargate-policy-pack");
/** The passphrase of the local stacks' secrets provider. Local state only: it protects nothing real. */
export const LOCAL_PASSPHRASE = "ecs-fargate-local";

/** Where one project's local engine state lives. */
export interface LocalPaths {
    root: string;
    state: string;
    cloud: string;
    home: string;
    work: string;
}

/** The `.ecs-fargate/` layout under `stateRoot` (by default `<projectDir>/.ecs-fargate`). */
export function localPaths(projectDir: string, stateRoot = path.join(projectDir, ".ecs-fargate")): LocalPaths {
    return {
        root: stateRoot,
        state: path.join(stateRoot, "state"),
        cloud: path.join(stateRoot, "cloud"),
        home: path.join(stateRoot, "home"),
        work: path.join(stateRoot, "work"),
    };
}

/**
 * Whether the file backend holds the stack: its checkpoint, `.pulumi/stacks/<project>/<stack>.json` (`.json.gz`
 * under `PULUMI_DIY_BACKEND_GZIP`), which `pulumi stack init` writes. The drivers create a stack that has none and
 * select one that has: the Automation API's create-or-select runs `stack select` first, a CLI run that fails on
 * every new stack. Should the guess be wrong, creating falls back to selecting.
 */
export function stackExists(paths: LocalPaths, project: string, stack: string): boolean {
    const checkpoint = checkpointFile(paths, project, stack);
    return fs.existsSync(checkpoint) || fs.existsSync(`${checkpoint}.gz`);
}

/** The stack's checkpoint in the file backend (uncompressed; `stackExists` also finds the `.gz` form). */
export function checkpointFile(paths: LocalPaths, project: string, stack: string): string {
    return path.join(paths.state, ".pulumi", "stacks", project, `${stack}.json`);
}

/** The project's name and the stack's `aws:region`, read from the files the CLI reads. */
export interface ProjectInfo {
    name: string;
    runtime: string;
    /** The program's entry, `main` in `Pulumi.yaml` (relative to the project); `.` when not given. */
    main: string;
    region: string;
}

function readYaml(file: string): Record<string, any> {
    return (yaml.load(fs.readFileSync(file, "utf8")) as Record<string, any>) ?? {};
}

/**
 * Copies `Pulumi.yaml` and `Pulumi.<stack>.yaml` from `configDir` into the workspace, keeping the
 * `encryptionsalt` the CLI wrote into the previous copy (without it the stack's secrets cannot be read again).
 */
export function prepareWorkspace(paths: LocalPaths, configDir: string, stack: string, stackFile = path.join(configDir, `Pulumi.${stack}.yaml`)): ProjectInfo {
    for (const dir of Object.values(paths)) {
        fs.mkdirSync(dir, { recursive: true });
    }
    const project = readYaml(path.join(configDir, "Pulumi.yaml"));
    // The program is served in-process (an inline program), so the CLI must not look for `main` in the workspace.
    const { main: _main, ...settings } = project;
    fs.writeFileSync(path.join(paths.work, "Pulumi.yaml"), yaml.dump(settings));
    const target = path.join(paths.work, `Pulumi.${stack}.yaml`);
    const previous = fs.existsSync(target) ? /^encryptionsalt: .*$/m.exec(fs.readFileSync(target, "utf8"))?.[0] : undefined;
    const text = fs.existsSync(stackFile) ? fs.readFileSync(stackFile, "utf8") : "config: {}\n";
    fs.writeFileSync(target, previous ? `${previous}\n${text}` : text);
    const config = (yaml.load(text) as Record<string, any> | undefined)?.config ?? {};
    const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime?.name;
    return { name: String(project.name), runtime: String(runtime), main: String(project.main ?? "."), region: String(config["aws:region"] ?? DEFAULT_SIMULATED_REGION) };
}

/** The environment variable that tells the component plugin the project's folder (see engine/bin). */
export const PROJECT_DIR_ENV = "ECS_FARGATE_PROJECT_DIR";

/**
 * The environment the CLI (and so every plugin it launches) runs with. The CLI runs in `.ecs-fargate/work`; the
 * component plugin runs in `projectDir`, as it would under `pulumi up` in the project, so the program's relative
 * paths (`registry.build.context`) mean what they mean there.
 */
export function engineEnv(paths: LocalPaths, region: string, projectDir: string): Record<string, string> {
    return {
        [PROJECT_DIR_ENV]: path.resolve(projectDir),
        PULUMI_BACKEND_URL: `file://${paths.state}`,
        PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
        PULUMI_HOME: paths.home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        // Nothing can be downloaded: every plugin is ambient, on PATH.
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PATH: `${PLUGIN_BIN}${path.delimiter}${process.env.PATH ?? ""}`,
        [CLOUD_DIR_ENV]: paths.cloud,
        AWS_REGION: region,
        // The component plugin compiles the package with ts-node; the project type-checks separately.
        TS_NODE_TRANSPILE_ONLY: "true",
    };
}
