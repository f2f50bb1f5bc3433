/**
 * The simulated cloud's memory: what exists in the one simulated AWS account between engine runs.
 * It is a directory of small JSON files, one per object (a repository, a log group, an image in a repository),
 * so the provider plugins of one engine run (the AWS and the Docker plugin are separate processes) share it
 * safely: creating a name is an exclusive file create, which fails when the name is taken, as AWS does.
 *
 * Layout: `<dir>/<kind>/<scope>/<encoded name>.json`, where `kind` is what AWS keeps unique (e.g. `ecr-repository`)
 * and `scope` the region, or `global` for IAM.
 */
import * as fs from "fs";
import * as path from "path";

/** The environment variable that tells the provider plugins where the simulated cloud lives. */
export const CLOUD_DIR_ENV = "ECS_FARGATE_CLOUD_DIR";

/** One object the simulated cloud holds. */
export interface CloudObject {
    kind: string;
    scope: string;
    name: string;
    /** The physical ID the provider reported for it. */
    id: string;
    /** Extra facts AWS keeps about it (e.g. the repository an image was pushed to). */
    data?: Record<string, unknown>;
}

/** AWS's "already exists" error for a name that is taken in its scope. */
export class AlreadyExistsError extends Error {}

function encode(name: string): string {
    return encodeURIComponent(name).replace(/\./g, "%2E");
}

/** The simulated cloud stored under one directory. */
export class Cloud {
    constructor(readonly dir: string) {}

    /** Opens the cloud the provider plugins were pointed at (`ECS_FARGATE_CLOUD_DIR`). */
    static fromEnvironment(env: NodeJS.ProcessEnv = process.env): Cloud {
        const dir = env[CLOUD_DIR_ENV];
        if (!dir) {
            throw new Error(`${CLOUD_DIR_ENV} is not set: the simulated cloud's provider plugins need a directory to keep the cloud in`);
        }
        return new Cloud(dir);
    }

    private file(kind: string, scope: string, name: string): string {
        return path.join(this.dir, kind, scope, `${encode(name)}.json`);
    }

    /** Creates an object; fails with `AlreadyExistsError` when its name is taken in its scope. */
    create(object: CloudObject): void {
        const file = this.file(object.kind, object.scope, object.name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        try {
            fs.writeFileSync(file, JSON.stringify(object), { flag: "wx" });
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === "EEXIST") {
                throw new AlreadyExistsError(`${object.kind} ${object.name} already exists in ${object.scope}`);
            }
            throw err;
        }
    }

    /** Replaces an existing object's record (or creates it). */
    put(object: CloudObject): void {
        const file = this.file(object.kind, object.scope, object.name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(object));
    }

    /** The object with this name, if it exists. */
    get(kind: string, scope: string, name: string): CloudObject | undefined {
        try {
            return JSON.parse(fs.readFileSync(this.file(kind, scope, name), "utf8")) as CloudObject;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === "ENOENT") {
                return undefined;
            }
            throw err;
        }
    }

    /** Deletes an object; true when it existed. */
    remove(kind: string, scope: string, name: string): boolean {
        try {
            fs.unlinkSync(this.file(kind, scope, name));
            return true;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === "ENOENT") {
                return false;
            }
            throw err;
        }
    }

    /**
     * How many times a resource with this URN was created in this cloud. It seeds the names and IDs a creation
     * gets, so they are reproducible (two languages deploying the same stack get the same ones) and a replacement
     * differs from the resource it replaces.
     */
    generation(urn: string): number {
        return Number(this.get("generation", "urn", urn)?.data?.count ?? 0);
    }

    /** Counts one more creation of the resource with this URN. */
    nextGeneration(urn: string): void {
        this.put({ kind: "generation", scope: "urn", name: urn, id: urn, data: { count: this.generation(urn) + 1 } });
    }

    /** Every object of a kind in a scope (every scope when `scope` is omitted). */
    list(kind: string, scope?: string): CloudObject[] {
        const kindDir = path.join(this.dir, kind);
        const scopes = scope !== undefined ? [scope] : fs.existsSync(kindDir) ? fs.readdirSync(kindDir) : [];
        const objects: CloudObject[] = [];
        for (const s of scopes) {
            const scopeDir = path.join(kindDir, s);
            if (!fs.existsSync(scopeDir)) {
                continue;
            }
            for (const f of fs.readdirSync(scopeDir).sort()) {
                if (f.endsWith(".json")) {
                    objects.push(JSON.parse(fs.readFileSync(path.join(scopeDir, f), "utf8")) as CloudObject);
                }
            }
        }
        return objects;
    }
}
