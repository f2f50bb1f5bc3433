/**
 * What the plan-of-a-change tests against this repository share: a temporary clone of its last commit, using this
 * checkout's installed packages (as a CI job would after `npm ci`), and the CLI's output captured.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");

/** Clones this repository's last commit into `dir`, with `node_modules` linked to this checkout's. */
export function cloneRepository(dir: string): void {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPO, dir]);
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** Puts a clone back to its last commit: edits undone, new files removed (its `node_modules` link stays). */
export function resetClone(dir: string): void {
    execFileSync("git", ["reset", "--quiet", "--hard", "HEAD"], { cwd: dir });
    execFileSync("git", ["clean", "--quiet", "-d", "--force", "-x", "--exclude=/node_modules"], { cwd: dir });
}

/** A `CliIO` that keeps what the CLI prints, a chunk per call. */
export function capture(): { io: { out(s: string): void; err(s: string): void }; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (s) => void out.push(s), err: (s) => void err.push(s) }, out, err };
}
