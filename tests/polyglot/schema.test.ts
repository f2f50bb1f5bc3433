/**
 * schema.json through Pulumi's own schema binder (`pkg/v3/codegen/schema`, via tools/sdkgen): what `pulumi package
 * add` binds before it generates a Python or Go SDK. Zero errors and zero warnings, and the SDKs the examples run
 * on are the ones this schema generates. Needs `tools/setup-polyglot.sh` first (it builds build/bin/sdkgen).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SDKGEN = path.join(ROOT, "build", "bin", "sdkgen");
const SCHEMA = path.join(ROOT, "schema.json");

function sdkgen(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    if (!fs.existsSync(SDKGEN)) {
        throw new Error(`no build/bin/sdkgen: run tools/setup-polyglot.sh first`);
    }
    const run = spawnSync(SDKGEN, args, { cwd: ROOT, encoding: "utf8" });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A copy of schema.json with one change, in a temporary folder. */
function mutatedSchema(dir: string, change: (schema: any) => void): string {
    const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8"));
    change(schema);
    const file = path.join(dir, "schema.json");
    fs.writeFileSync(file, JSON.stringify(schema, null, 2));
    return file;
}

/** Every file under `dir`, as relative path → content. */
function tree(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (at: string) => {
        for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
            const full = path.join(at, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else {
                files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
            }
        }
    };
    walk(dir);
    return files;
}

/** The generated sources, without what pip leaves when it builds the SDK in place (egg-info, build/). */
function sources(dir: string): Record<string, string> {
    return Object.fromEntries(Object.entries(tree(dir)).filter(([f]) => !/(^|\/)(build|[^/]+\.egg-info)\//.test(f)));
}

describe("schema.json through Pulumi's schema binder", function () {
    this.timeout(60_000);
    let tmp: string;

    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-sdkgen-"));
    });

    afterEach(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("binds the committed schema.json with zero errors and zero warnings", () => {
        const run = sdkgen("-schema", "schema.json", "-check");
        assert.equal(run.stdout, "schema.json: 0 errors, 0 warnings\n", run.stderr);
        assert.equal(run.status, 0, run.stderr);
    });

    it("fails on a binder error: a property referring to a type the schema does not define", () => {
        const file = mutatedSchema(tmp, (s) => {
            s.resources["ecs-fargate:index:WebService"].inputProperties.healthCheck.$ref = "#/types/ecs-fargate:index:Missing";
        });
        const run = sdkgen("-schema", file, "-check");
        assert.equal(run.status, 1);
        assert.match(run.stdout, /error: .*ecs-fargate:index:Missing/);
        assert.match(run.stdout, /: 1 errors, 0 warnings\n$/);
    });

    it("fails on a binder warning too: an output named `urn`, which components reserve", () => {
        const file = mutatedSchema(tmp, (s) => {
            s.resources["ecs-fargate:index:WebService"].properties.urn = { type: "string", description: "The URN." };
        });
        const run = sdkgen("-schema", file, "-check");
        assert.equal(run.status, 1);
        assert.match(run.stdout, /warning: #\/resources\/ecs-fargate:index:WebService\/properties\/urn: urn is a reserved property name\n/);
        assert.match(run.stdout, /: 0 errors, 1 warnings\n$/);
    });

    it("gives every nested type one Args suffix in Python and Go (HealthCheckArgs, not HealthCheckArgsArgs)", () => {
        const run = sdkgen("-schema", "schema.json", "-out", tmp);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        const python = fs.readFileSync(path.join(tmp, "python", "pulumi_ecs_fargate", "_inputs.py"), "utf8");
        const go = Object.entries(sources(path.join(tmp, "go"))).filter(([file]) => file.endsWith(".go")).map(([, text]) => text).join("\n");
        const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8"));
        const objectTypes = Object.entries<any>(schema.types).filter(([, t]) => t.type === "object").map(([token]) => token.split(":")[2]);
        assert.ok(objectTypes.length > 0);
        for (const name of objectTypes) {
            assert.match(python, new RegExp(`^class ${name}Args\\b`, "m"), `Python class ${name}Args`);
            assert.match(go, new RegExp(`^type ${name}Args struct`, "m"), `Go struct ${name}Args`);
        }
        assert.deepEqual([...new Set((python + go).match(/\b\w+ArgsArgs\b/g) ?? [])], []);
    });

    it("generated build/sdk/python from the committed schema.json (rerun tools/setup-polyglot.sh when this fails)", () => {
        const run = sdkgen("-schema", "schema.json", "-out", tmp);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.deepEqual(sources(path.join(ROOT, "build", "sdk", "python")), sources(path.join(tmp, "python")), "build/sdk/python");
    });

    it("keeps the committed Go SDK, sdk/go, exactly what schema.json generates (run `npm run sdk:go` and commit sdk/go when this fails)", () => {
        const run = sdkgen("-schema", "schema.json", "-out", tmp);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.deepEqual(tree(path.join(ROOT, "sdk", "go")), tree(path.join(tmp, "go")));
    });

    it("fails on a package.json whose repository is not on GitHub, naming the field and the format", () => {
        const file = path.join(tmp, "package.json");
        fs.writeFileSync(file, JSON.stringify({ name: "ecs-fargate", repository: "https://gitlab.com/someone/ecs-fargate" }));
        const run = sdkgen("-schema", "schema.json", "-package", file, "-check");
        assert.equal(run.status, 1);
        assert.equal(run.stderr, `sdkgen: ${file}: \`repository\` "https://gitlab.com/someone/ecs-fargate" is not a GitHub repository; set it to {"type": "git", "url": "https://github.com/<owner>/<name>.git"}\n`);
    });
});
