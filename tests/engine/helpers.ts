/**
 * Shared pieces of the real-engine tests: a fresh `.ecs-fargate/` per test file (each mocha worker runs its own
 * engine), the steps the engine reported, and the simulated cloud the runs left behind.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { LocalRunOptions } from "../../engine/local";
import { BUILT_CLI_ROOT, localPaths, REPO_ROOT } from "../../engine/workspace";
import { Cloud } from "../../sim/cloud";

export { REPO_ROOT };

/** Fails early, with what to do, when the CLI was not built (npm test builds it: tools/pulumi-cli/build.sh). */
export function requireCli(): void {
    const cli = path.join(BUILT_CLI_ROOT, "bin", "pulumi");
    assert.ok(fs.existsSync(cli), `${cli} is missing: run tools/pulumi-cli/build.sh (npm test does)`);
}

const scratchDirs: string[] = [];
process.once("exit", () => {
    if (!process.env.ECS_FARGATE_KEEP_SCRATCH) {
        scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
    }
});

/**
 * A temporary folder for one test file's engine state and stack files, removed when the test process exits
 * (kept with `ECS_FARGATE_KEEP_SCRATCH=1`, to look at a failed run's state and simulated cloud).
 */
export function scratch(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ecs-fargate-${prefix}-`));
    scratchDirs.push(dir);
    return dir;
}

/** One step the engine took (a `resourcePreEvent`), other than `same`. */
export interface Step {
    op: string;
    type: string;
    urn: string;
}

/** Run options that collect the engine's steps into `steps`. */
export function recording(options: LocalRunOptions): { options: LocalRunOptions; steps: Step[] } {
    const steps: Step[] = [];
    const onEvent = (e: EngineEvent) => {
        const m = e.resourcePreEvent?.metadata;
        if (m && m.op !== "same") {
            steps.push({ op: m.op, type: m.type, urn: m.urn });
        }
    };
    return { options: { ...options, onEvent }, steps };
}

/** The simulated cloud of a state root. */
export function cloudOf(stateRoot: string): Cloud {
    return new Cloud(localPaths(REPO_ROOT, stateRoot).cloud);
}

/** The repository's policy config of a demo stack: `policy/config/<stack>.json`. */
export function policyConfig(stack: string): string {
    return path.join(REPO_ROOT, "policy", "config", `${stack}.json`);
}

/** `type::name` of a resource URN (its type's last part, without parents), or `the stack` for a stack-wide finding. */
export function resourceLabel(urn?: string): string {
    if (!urn) {
        return "the stack";
    }
    const [type, name] = urn.split("::").slice(-2);
    return `${type.split("$").pop()}::${name}`;
}

/** Writes a variant of the repository's `Pulumi.<stack>.yaml`, changed by `edit`, and returns its path. */
export function stackVariant(dir: string, stack: string, edit: (config: Record<string, any>) => void): string {
    const doc = yaml.load(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, any> };
    edit(doc.config);
    const file = path.join(dir, `Pulumi.${stack}.${Math.random().toString(16).slice(2, 8)}.yaml`);
    fs.writeFileSync(file, yaml.dump(doc));
    return file;
}
