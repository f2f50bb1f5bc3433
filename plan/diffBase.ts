/**
 * The base of a plan of a change, from one of three places:
 * - a git ref: the commit checked out in a temporary `git worktree` (the project, stack and config files as they are
 *   there), its program run against the simulated AWS like the working tree's;
 * - an earlier `plan.json`, which keeps the redacted recorded state (`Plan.state`);
 * - the last `ecs-fargate local` deployment (`.ecs-fargate/`), compared with references canonicalised.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { ExportedResource, exportResources } from "../engine/local";
import { checkpointFile, localPaths, stackExists } from "../engine/workspace";
import { RecordedResource } from "../sim/types";
import { DiffSide } from "./diffPlan";
import { redactedState } from "./plan";
import { loadStack, PlanError, runStack } from "./stack";

/** One side of a comparison: its resources and how to name it. */
export interface DiffBase {
    resources: RecordedResource[];
    side: DiffSide;
    /** Resources carry `[secret]` in place of secrets (a `plan.json`): the head is compared redacted too. */
    redacted: boolean;
    /**
     * The base's physical identifiers are not the offline simulator's (a local deployment): compare both sides with
     * references canonicalised (plan/canonical.ts).
     */
    canonical?: boolean;
    warnings: string[];
}

function git(cwd: string, args: string[]): string {
    try {
        return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    } catch (e) {
        const stderr = (e as { stderr?: string }).stderr?.trim();
        throw new PlanError(`git ${args.join(" ")} failed in ${cwd}: ${stderr || (e as Error).message}`);
    }
}

/**
 * Links the working tree's `node_modules` folders (from the project up to the repository's top) into the worktree, so
 * that the base program runs with the same installed packages: only the repository's own files come from the ref.
 */
function linkNodeModules(topLevel: string, projectDir: string, worktree: string): void {
    for (let dir = projectDir; ; dir = path.dirname(dir)) {
        const modules = path.join(dir, "node_modules");
        const target = path.join(worktree, path.relative(topLevel, dir), "node_modules");
        if (fs.existsSync(modules) && !fs.existsSync(target) && fs.existsSync(path.dirname(target))) {
            fs.symlinkSync(modules, target, "dir");
        }
        if (dir === topLevel || dir === path.dirname(dir)) {
            break;
        }
    }
}

/**
 * Runs the stack at git ref `ref` of the repository holding `projectDir`. A project or stack file that does not exist
 * at the ref gives an empty base (everything is created), with a warning.
 */
export async function baseFromGitRef(ref: string, projectDir: string, stack: string, progress: (m: string) => void = () => undefined): Promise<DiffBase> {
    const dir = path.resolve(projectDir);
    const topLevel = fs.realpathSync(git(dir, ["rev-parse", "--show-toplevel"]));
    let commit: string;
    try {
        commit = execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        throw new PlanError(`\`--base\` ${JSON.stringify(ref)} is not a commit of the repository at ${topLevel}; give a branch, tag or commit (e.g. main, HEAD~1, origin/main).`);
    }
    const short = commit.slice(0, 7);
    const worktree = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-base-"));
    const side: DiffSide = { label: `git ${ref} (${short})`, project: "", stack };
    try {
        git(topLevel, ["worktree", "add", "--detach", "--quiet", worktree, commit]);
        const rel = path.relative(topLevel, fs.realpathSync(dir));
        const baseDir = path.join(worktree, rel);
        linkNodeModules(topLevel, fs.realpathSync(dir), worktree);
        if (!fs.existsSync(path.join(baseDir, "Pulumi.yaml")) || !["yaml", "yml"].some((e) => fs.existsSync(path.join(baseDir, `Pulumi.${stack}.${e}`)))) {
            return { resources: [], side, redacted: false, warnings: [`stack ${stack} has no project or stack file at ${ref} (${short}): the base is empty, so everything is created.`] };
        }
        const loaded = loadStack(baseDir, stack);
        side.project = loaded.project;
        const started = Date.now();
        const run = await runStack(loaded);
        progress(`ran the base (${ref}, ${short}) against the simulated AWS: ${run.resources.length} resources in ${Date.now() - started} ms`);
        return { resources: run.resources, side, redacted: false, warnings: loaded.warnings.map((w) => `base: ${w}`) };
    } catch (e) {
        if (e instanceof PlanError) {
            throw new PlanError(`the base at ${ref} (${short}) cannot be planned: ${e.message}`);
        }
        throw e;
    } finally {
        try {
            git(topLevel, ["worktree", "remove", "--force", worktree]);
        } catch {
            fs.rmSync(worktree, { recursive: true, force: true });
            git(topLevel, ["worktree", "prune"]);
        }
    }
}

/** Reads the base from an earlier `plan.json`. */
export function baseFromPlanFile(file: string): DiffBase {
    let doc: Record<string, unknown>;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new PlanError(`\`--base-plan\` ${JSON.stringify(file)} cannot be read as JSON: ${(e as Error).message}. Give a plan.json written by \`ecs-fargate plan\`.`);
    }
    if (!Array.isArray(doc.state)) {
        throw new PlanError(
            `\`--base-plan\` ${JSON.stringify(file)} has no \`state\` (the recorded resources): it was written by an older \`ecs-fargate plan\`, or is not a plan.json. ` +
                "Plan the base again with this version (or use --base <git ref>).",
        );
    }
    return {
        resources: doc.state as RecordedResource[],
        side: { label: path.relative(process.cwd(), file) || file, project: String(doc.project ?? ""), stack: String(doc.stack ?? "") },
        redacted: true,
        warnings: [],
    };
}

/** A resource of `pulumi stack export` as the plan records resources. */
export function recordedFromExport(r: ExportedResource): RecordedResource {
    const x = r as ExportedResource & { protect?: boolean; deleteBeforeReplace?: boolean; ignoreChanges?: string[] };
    return {
        urn: r.urn,
        type: r.type,
        name: r.urn.slice(r.urn.lastIndexOf("::") + 2),
        custom: r.custom === true,
        parent: r.parent,
        id: r.id,
        inputs: r.inputs ?? {},
        outputs: r.outputs ?? {},
        propertyDependencies: r.propertyDependencies ?? {},
        dependencies: r.dependencies ?? [],
        provider: r.provider,
        protect: x.protect || undefined,
        deleteBeforeReplace: x.deleteBeforeReplace || undefined,
        ignoreChanges: x.ignoreChanges && x.ignoreChanges.length > 0 ? x.ignoreChanges : undefined,
        retainOnDelete: r.retainOnDelete || undefined,
    };
}

/**
 * `--base local`: the last `ecs-fargate local` deployment of the stack, read with `pulumi stack export` from the
 * project's `.ecs-fargate/` (or `stateRoot`). Its IDs, ARNs and autonames are the local engine's, not the offline
 * simulator's: the caller compares both sides with references canonicalised (`canonical`, see plan/canonical.ts),
 * and the head is aligned with it by `alignDeployedState`. Secrets are compared redacted (the state holds them
 * encrypted).
 */
export async function baseFromLocalState(projectDir: string, stack: string, stateRoot?: string, progress: (m: string) => void = () => undefined): Promise<DiffBase> {
    const dir = path.resolve(projectDir);
    const paths = localPaths(dir, stateRoot);
    let project: string;
    try {
        project = String((yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name?: unknown } | undefined)?.name ?? "");
    } catch (e) {
        throw new PlanError(`\`--base local\`: ${path.join(dir, "Pulumi.yaml")} cannot be read: ${(e as Error).message}`);
    }
    if (!stackExists(paths, project, stack)) {
        const checkpoint = checkpointFile(paths, project, stack);
        throw new PlanError(
            `\`--base local\`: stack ${stack} of project ${project} has no local deployment (no ${path.relative(process.cwd(), checkpoint) || checkpoint}). ` +
                `Run \`npx ecs-fargate local up --stack ${stack}\` first, or use --base <git ref> or --base-plan <plan.json>.`,
        );
    }
    const started = Date.now();
    let exported: ExportedResource[];
    try {
        exported = await exportResources({ projectDir: dir, stack, stateRoot });
    } catch (e) {
        throw new PlanError(`\`--base local\`: the state of stack ${stack} in ${paths.state} cannot be exported: ${(e as Error).message.split("\n")[0]}`);
    }
    progress(`read the last local deployment of ${stack}: ${exported.length} resources in ${Date.now() - started} ms`);
    const resources = redactedState(exported.map(recordedFromExport));
    const warnings = resources.some((r) => r.custom && r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
        ? []
        : [`stack ${stack} has no deployed resources in ${paths.state} (destroyed?): the base is empty, so everything is created.`];
    return { resources, side: { label: `local deployment (${path.relative(process.cwd(), paths.root) || paths.root})`, project, stack }, redacted: true, canonical: true, warnings };
}
