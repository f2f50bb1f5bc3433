/**
 * The Docker provider's view of a build context, computed the way `@pulumi/docker` 5.x computes it, so that the
 * image tag changes exactly when the provider rebuilds. The provider (pulumi-docker `provider/provider.go`,
 * `hashContext`, 5.x) reads the ignore file (`dockerignore.ts`), walks the context with tonistiigi/fsutil's filtered
 * walk, and hashes the Dockerfile, then every entry that is not a folder: its path, its Go file mode string, and the
 * SHA-256 of its bytes (a regular file) or of its resolved target (a symlink). Pure functions of the file system.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { BuildContextError, DockerignoreMatcher, ignorePatternsFor, MatchInfo } from "./dockerignore";
import { goClean, goEvalSymlinks, goFileMode, goFileModeString } from "./goPaths";

export { BuildContextError } from "./dockerignore";

/** What the provider hashes the Dockerfile as, whatever its real name. */
const DOCKERFILE_NAME = "Dockerfile";

/** One entry of the context the provider hashes: everything but folders. */
export interface ContextEntry {
    /** Slash-separated path relative to the context. */
    path: string;
    /** Go file mode (permission bits and type bits). */
    mode: number;
}

/** Go's `os.ReadDir` order: names sorted by their UTF-8 bytes. */
function sortedNames(dir: string): string[] {
    return fs.readdirSync(dir).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * The entries fsutil's walk reports for the context, in its order (depth first, names in byte order): folders are
 * descended but not listed; an excluded folder is skipped unless an exception may name something inside it.
 */
export function contextEntries(context: string, patterns: readonly string[]): ContextEntry[] {
    const matcher = patterns.length > 0 ? new DockerignoreMatcher(patterns) : undefined;
    const root = fs.realpathSync(context);
    const entries: ContextEntry[] = [];
    const walk = (relDir: string, parent: MatchInfo) => {
        for (const name of sortedNames(path.join(root, relDir))) {
            const rel = relDir === "" ? name : `${relDir}/${name}`;
            const stat = fs.lstatSync(path.join(root, rel));
            const isDir = stat.isDirectory();
            let skip = false;
            let info: MatchInfo;
            if (matcher) {
                const m = matcher.match(rel, parent);
                info = m.info;
                if (m.excluded) {
                    if (isDir && !matcher.entersExcludedFolder(rel)) {
                        continue;
                    }
                    skip = true;
                }
            }
            if (isDir) {
                walk(rel, info);
            } else if (!skip) {
                if (stat.isSocket()) {
                    // fsutil clears the socket bit, so the provider tries to read it as a file, and fails.
                    throw new BuildContextError(`${JSON.stringify(rel)} in the build context is a socket, which the Docker provider cannot read; list it in .dockerignore.`);
                }
                entries.push({ path: rel, mode: goFileMode(stat.mode) });
            }
        }
    };
    walk("", undefined);
    return entries;
}

/** Whether Go's `FileMode` has bit `bit` set (modes use bit 31, beyond JavaScript's signed 32-bit operators). */
function hasBit(mode: number, bit: number): boolean {
    return Math.floor(mode / 2 ** bit) % 2 === 1;
}

/** Go's `FileMode.IsRegular`: none of the type bits (dir, symlink, pipe, socket, device, char device, irregular). */
function isRegular(mode: number): boolean {
    return ![31, 27, 26, 25, 24, 21, 19].some((bit) => hasBit(mode, bit));
}

/** Thrown by `goEvalSymlinks` when a link leads nowhere (Go's `ENOENT`/`ENOTDIR`). */
function isNotExist(error: unknown): boolean {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * The SHA-256 the provider takes of one entry: a file's bytes, a symlink's resolved path, nothing for other types.
 * `undefined` for a symlink that leads nowhere.
 */
function entryHash(file: string, mode: number): Buffer | undefined {
    const hash = createHash("sha256");
    if (hasBit(mode, 27)) {
        try {
            hash.update(goEvalSymlinks(file));
        } catch (error) {
            if (isNotExist(error)) {
                return undefined;
            }
            throw new BuildContextError(`the symlink ${JSON.stringify(file)} cannot be resolved (${(error as Error).message}), so the Docker provider fails on it; fix the link or list it in .dockerignore`);
        }
    } else if (isRegular(mode)) {
        hash.update(fs.readFileSync(file));
    }
    return hash.digest();
}

/**
 * The `contextDigest` `@pulumi/docker` 5.x computes for `build.context` and `build.dockerfile` (both as the
 * provider receives them, relative to the program's folder): SHA-256 over the Dockerfile (as `Dockerfile`, mode 0),
 * then each walked entry's path, mode string and content hash, each record ending in a NUL byte.
 */
export function contextDigest(context: string, dockerfilePath: string): string {
    const records: Buffer[] = [];
    const add = (name: string, mode: number, digest: Buffer) => {
        records.push(Buffer.from(goClean(name) + goFileModeString(mode)), digest, Buffer.from([0]));
    };
    add(DOCKERFILE_NAME, 0, entryHash(dockerfilePath, 0)!);
    // A symlink that leads nowhere fails with "not exist", which fsutil's walk turns into SkipDir: the link and
    // the rest of its folder (in walk order) are left out of the digest.
    let skipping: string | undefined;
    for (const entry of contextEntries(context, ignorePatternsFor(context, dockerfilePath))) {
        if (skipping !== undefined && entry.path.startsWith(skipping)) {
            continue;
        }
        skipping = undefined;
        const digest = entryHash(goClean(`${context}/${entry.path}`), entry.mode);
        if (digest === undefined) {
            skipping = entry.path.includes("/") ? entry.path.slice(0, entry.path.lastIndexOf("/") + 1) : "";
            continue;
        }
        add(entry.path, entry.mode, digest);
    }
    return createHash("sha256").update(Buffer.concat(records)).digest("hex");
}
