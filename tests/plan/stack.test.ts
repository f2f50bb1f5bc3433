import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildConfig, configValue, fullKey, loadStack, PlanError, registerTypeScript, runStack, SECRET_PLACEHOLDER } from "../../plan/stack";

const FIXTURES = path.join(__dirname, "fixtures");
const MUTABLE = path.join(FIXTURES, "mutable-tags");

describe("plan stack: config as the SDK reads it", () => {
    it("gives bare keys the project's namespace and keeps namespaced ones", () => {
        assert.strictEqual(fullKey("demo", "size"), "demo:size");
        assert.strictEqual(fullKey("demo", "aws:region"), "aws:region");
    });

    it("stores numbers and booleans as text and structured values as JSON", () => {
        assert.deepStrictEqual([configValue("x"), configValue(3), configValue(true), configValue({ a: [1] })], ["x", "3", "true", '{"a":[1]}']);
    });

    it("applies project defaults under the stack's values", () => {
        const { config } = buildConfig("demo", { size: { type: "integer", default: 1 }, name: { type: "string", default: "a" } }, { name: "b" }, "dev", "Pulumi.dev.yaml");
        assert.deepStrictEqual(config, { "demo:size": "1", "demo:name": "b" });
    });

    it("replaces an encrypted value with a placeholder, marks it secret and says so", () => {
        const { config, secretKeys, warnings } = buildConfig("demo", {}, { token: { secure: "AAABAM..." } }, "dev", "Pulumi.dev.yaml");
        assert.deepStrictEqual([config["demo:token"], secretKeys], [SECRET_PLACEHOLDER, ["demo:token"]]);
        assert.deepStrictEqual(warnings, [`demo:token is encrypted in Pulumi.dev.yaml; the offline plan uses the placeholder "${SECRET_PLACEHOLDER}".`]);
    });

    it("rejects a value of the wrong declared type, naming the key, the file and the value", () => {
        assert.throws(
            () => buildConfig("demo", { size: { type: "integer" } }, { size: "big" }, "prod", "Pulumi.prod.yaml"),
            { name: "PlanError", message: 'stack "prod": Pulumi.prod.yaml sets `demo:size` to "big", but Pulumi.yaml declares it as integer. Set a value of type integer in Pulumi.prod.yaml.' },
        );
    });
});

describe("plan stack: loading a stack", () => {
    it("reads the project, the stack file and the program", () => {
        const loaded = loadStack(MUTABLE, "dev");
        assert.deepStrictEqual(
            [loaded.project, loaded.stack, path.basename(loaded.stackFile), path.basename(loaded.program), loaded.region],
            ["mutable-tags", "dev", "Pulumi.dev.yaml", "index.ts", "us-east-1"],
        );
        assert.deepStrictEqual(loaded.config, { "mutable-tags:repositoryName": "mutable-fixture", "mutable-tags:retentionDays": "14", "aws:region": "us-east-1" });
    });

    it("names the missing stack file, the stacks that exist and how to create one", () => {
        assert.throws(() => loadStack(MUTABLE, "staging"), {
            name: "PlanError",
            message: `stack "staging": no Pulumi.staging.yaml in ${MUTABLE}. Stacks with a file here: badtype, badyaml, dev; pass --stack <name>, or create Pulumi.staging.yaml (pulumi stack init staging, then pulumi config set ...).`,
        });
    });

    it("fails on a folder without Pulumi.yaml", () => {
        assert.throws(() => loadStack(FIXTURES, "dev"), { name: "PlanError", message: `no Pulumi.yaml in ${FIXTURES}: run the plan from the project folder (or pass --cwd <folder>).` });
    });

    it("fails on a stack file that is not valid YAML, naming the file", () => {
        assert.throws(() => loadStack(MUTABLE, "badyaml"), (e: Error) => e instanceof PlanError && e.message.startsWith('stack "badyaml": Pulumi.badyaml.yaml is not valid YAML: '));
    });

    it("fails on a value that does not match its declared type", () => {
        assert.throws(() => loadStack(MUTABLE, "badtype"), {
            message: 'stack "badtype": Pulumi.badtype.yaml sets `mutable-tags:retentionDays` to "two weeks", but Pulumi.yaml declares it as integer. Set a value of type integer in Pulumi.badtype.yaml.',
        });
    });
});

describe("plan stack: running a program against the simulated AWS", () => {
    it("records what the program registers, with the stack's config and its exports", async () => {
        const run = await runStack(loadStack(MUTABLE, "dev"));
        assert.deepStrictEqual(run.resources.map((r) => `${r.type} ${r.name}`).sort(), [
            "aws:cloudwatch/logGroup:LogGroup logs",
            "aws:ecr/repository:Repository repo",
            "pulumi:pulumi:Stack mutable-tags-dev",
        ]);
        const repo = run.resources.find((r) => r.name === "repo")!;
        assert.deepStrictEqual([repo.inputs.name, repo.inputs.imageTagMutability], ["mutable-fixture", "MUTABLE"]);
        assert.deepStrictEqual(run.outputs.repositoryUrl, "123456789012.dkr.ecr.us-east-1.amazonaws.com/mutable-fixture");
    });

    it("prints secret stack outputs as [secret]", async () => {
        const run = await runStack(loadStack(MUTABLE, "dev"));
        assert.strictEqual(run.outputs.logGroupArn, "[secret]");
    });

    it("can run the same program twice in one process", async () => {
        const first = await runStack(loadStack(MUTABLE, "dev"));
        const second = await runStack(loadStack(MUTABLE, "dev"));
        assert.strictEqual(second.resources.length, first.resources.length);
    });

    it("turns a program error into a message naming the stack, the program and the file to check", async () => {
        await assert.rejects(runStack(loadStack(path.join(FIXTURES, "broken"), "badcpu")), (e: Error) => {
            assert.ok(e instanceof PlanError);
            assert.match(e.message, /^stack "badcpu": the program \.\.\/\.\.\/\.\.\/\.\.\/index\.ts failed with Pulumi\.badcpu\.yaml: Invalid arguments for WebService "web":\n  - `cpu` 300 is not a Fargate CPU size/);
            assert.match(e.message, /Check the values in Pulumi\.badcpu\.yaml \(or the program\) and run the plan again\.$/);
            return true;
        });
    });
});

describe("plan stack: leaving the process as it found it", () => {
    it("restores the SDK's config after a run", async () => {
        const pulumi = await import("@pulumi/pulumi");
        pulumi.runtime.setAllConfig({ "other:key": "kept" });
        await runStack(loadStack(MUTABLE, "dev"));
        assert.deepStrictEqual(pulumi.runtime.allConfig(), { "other:key": "kept" });
        pulumi.runtime.setAllConfig({});
    });
});

describe("plan stack: loading a TypeScript program without ts-node in the process", () => {
    it("names ts-node and how to install it when the project has neither it nor the SDK's vendored copy", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-no-ts-node-"));
        const loaded = { ...loadStack(MUTABLE, "dev"), projectDir: dir, program: path.join(dir, "index.ts") };
        const registered = require.extensions[".ts"];
        delete require.extensions[".ts"];
        try {
            assert.throws(() => registerTypeScript(loaded), (e: Error) => e instanceof PlanError && e.message ===
                `project mutable-tags: the program index.ts is TypeScript, and neither ts-node nor @pulumi/pulumi is installed in ${dir}; ` +
                "run npm install there (or npm install --save-dev ts-node typescript), or point `main` in Pulumi.yaml at the compiled JavaScript.");
        } finally {
            require.extensions[".ts"] = registered;
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("leaves a JavaScript program alone", () => {
        const registered = require.extensions[".ts"];
        delete require.extensions[".ts"];
        try {
            registerTypeScript({ ...loadStack(MUTABLE, "dev"), projectDir: os.tmpdir(), program: path.join(os.tmpdir(), "index.js") });
            assert.strictEqual(require.extensions[".ts"], undefined);
        } finally {
            require.extensions[".ts"] = registered;
        }
    });
});
