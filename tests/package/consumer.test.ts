/**
 * The package as a new user gets it: `npm pack`, the tarball installed into a new TypeScript Pulumi project with
 * `@pulumi/pulumi`, `typescript`, `ts-node` and `@types/node` (Pulumi's TypeScript template), the demo program
 * importing from "ecs-fargate", type-checked by `tsc`, loaded with ts-node's defaults as Pulumi's runtime loads a
 * program (type-checked, nothing compiled under node_modules), then planned with `npx ecs-fargate plan` and
 * deployed to the simulated cloud with `npx ecs-fargate local up`. The
 * installs come from npm's cache (`--prefer-offline`), which `npm ci` has filled.
 */
import * as assert from "assert";
import { spawn, spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlan, Plan } from "../../plan/plan";

const ROOT = path.resolve(__dirname, "..", "..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const PROJECT = "consumer-app";
/** The environment of a user with the Pulumi CLI on PATH (here the one tools/pulumi-cli built); the package has no build/. */
const WITH_PULUMI_CLI = { PATH: `${path.join(ROOT, "build", "bin")}${path.delimiter}${process.env.PATH}` };

/** The version of a package installed here: the consumer gets the versions this repository is tested with. */
function installed(name: string): string {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    // The repository's TS_NODE_* settings (transpile-only) must not leak into the user's project.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_")));
    return spawnSync(command, args, { cwd, encoding: "utf8", env: { ...clean, npm_config_update_notifier: "false", ...env }, maxBuffer: 64 * 1024 * 1024 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
    assert.strictEqual(r.status, 0, `${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
}

/** All `@pulumi/pulumi` copies under a node_modules tree. */
function sdkCopies(dir: string): string[] {
    const found: string[] = [];
    const walk = (nm: string) => {
        if (!fs.existsSync(nm)) {
            return;
        }
        for (const entry of fs.readdirSync(nm)) {
            const scoped = entry.startsWith("@") ? fs.readdirSync(path.join(nm, entry)).map((e) => path.join(entry, e)) : [entry];
            for (const name of scoped) {
                if (name === path.join("@pulumi", "pulumi")) {
                    found.push(path.join(nm, name));
                }
                walk(path.join(nm, name, "node_modules"));
            }
        }
    };
    walk(path.join(dir, "node_modules"));
    return found;
}

/** Each resource as `type name`, the root stack's name (which holds the project's) left out. */
const typeAndName = (resources: Array<{ type: string; name: string }>) =>
    resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type} ${r.name}`);

describe("the npm package, installed into a new project", function () {
    this.timeout(600_000);
    let tmp: string;
    let project: string;
    let packed: { filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> };

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-consumer-"));
        // `npm pack` runs `prepare` (the build) first, as `npm publish` does.
        let started = Date.now();
        const out = ok(run("npm", ["pack", "--json", "--pack-destination", tmp], ROOT), "npm pack");
        console.log(`      npm pack: ${Date.now() - started} ms`);
        [packed] = JSON.parse(out.slice(out.indexOf("[")));

        project = path.join(tmp, PROJECT);
        fs.mkdirSync(project);
        fs.cpSync(path.join(ROOT, "app"), path.join(project, "app"), { recursive: true });
        const demo = fs.readFileSync(path.join(ROOT, "index.ts"), "utf8");
        const program = demo.replace('from "./components";', 'from "ecs-fargate";');
        assert.notStrictEqual(program, demo, "the demo imports ./components");
        fs.writeFileSync(path.join(project, "index.ts"), program);
        // The demo's project file and dev stack, under the user's own project name.
        const rename = (text: string) => text.replace(/^name: ecs-fargate-demo$/m, `name: ${PROJECT}`).replace(/ecs-fargate-demo:/g, `${PROJECT}:`);
        for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) {
            fs.writeFileSync(path.join(project, file), rename(fs.readFileSync(path.join(ROOT, file), "utf8")));
        }
        // Pulumi's TypeScript template (`pulumi new typescript`): its tsconfig.json and dependencies.
        fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({
            compilerOptions: {
                strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
                experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
            },
            files: ["index.ts", "costs.ts"],
        }, null, 2));
        // The plan's API, through the package's second entry point (`exports` for Node, `typesVersions` for tsc).
        fs.writeFileSync(path.join(project, "costs.ts"), `import { buildPlan } from "ecs-fargate/plan";

export async function monthlyCost(stack: string): Promise<number> {
    const { plan } = await buildPlan({ projectDir: ".", stack });
    return plan.cost.totalMonthlyUsd;
}
`);
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({
            name: PROJECT, private: true, main: "index.ts",
            dependencies: { "@pulumi/pulumi": installed("@pulumi/pulumi"), "ecs-fargate": `file:../${packed.filename}` },
            devDependencies: { "@types/node": installed("@types/node"), "ts-node": installed("ts-node"), typescript: installed("typescript") },
        }, null, 2));
        started = Date.now();
        ok(run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], project), "npm install of the tarball");
        console.log(`      npm install: ${Date.now() - started} ms`);
    });

    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("ships the compiled package, the policy pack folder, the schema, the plugin file, README and license; no tests, fixtures, sources or build output", () => {
        const files = packed.files.map((f) => f.path).sort();
        const allowed = [/^dist\/.+\.(js|d\.ts)$/, /^engine\/bin\/(pulumi-resource-(aws|docker|ecs-fargate)|ecs-fargate-policy-pack)$/, /^policy\/dist\/[^/]+\.js$/, /^policy\/config\/[^/]+\.json$/, /^policy\/(package\.json|PulumiPolicy\.yaml|README\.md)$/, /^(package\.json|schema\.json|PulumiPlugin\.yaml|README\.md|LICENSE)$/];
        assert.deepStrictEqual(files.filter((f) => !allowed.some((re) => re.test(f))), []);
        for (const needed of ["package.json", "README.md", "engine/bin/pulumi-resource-aws", "engine/bin/ecs-fargate-policy-pack", "LICENSE", "schema.json", "PulumiPlugin.yaml", "dist/components/index.js", "dist/components/index.d.ts", "dist/cli/main.js", "dist/plan/plan.js", "dist/plan/plan.d.ts", "policy/dist/index.js", "policy/package.json", "policy/PulumiPolicy.yaml"]) {
            assert.ok(files.includes(needed), `the tarball has ${needed}`);
        }
        assert.deepStrictEqual(files.filter((f) => /(^|\/)(tests?|fixtures|build|tools|bench|examples|harness)(\/|\.)/.test(f)), []);
        // One copy of each compiled module: the plan's policy modules come from dist/, the pack's from policy/dist/.
        console.log(`      tarball: ${packed.filename}, ${files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked`);
    });

    it("installs with one copy of @pulumi/pulumi, the project's own (two copies break `instanceof Resource`)", () => {
        assert.deepStrictEqual(sdkCopies(project), [path.join(project, "node_modules", "@pulumi", "pulumi")]);
    });

    it("type-checks a program using Registry, FargateCluster and WebService, and one using the plan's API, with the template's tsc settings", () => {
        ok(run(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."], project), "tsc");
    });

    let loaded: string[];
    it("loads the program with ts-node's defaults, as Pulumi's runtime does, and runs it against the simulated AWS", () => {
        // ts-node registered with its defaults (type checking on, the project's tsconfig.json, node_modules left alone),
        // then the package's own in-process runner, found by path inside the installed package.
        const loader = `require("ts-node").register();
if (typeof require("ecs-fargate/plan").buildPlan !== "function") throw new Error("no buildPlan in ecs-fargate/plan");
const { loadStack, runStack } = require("./node_modules/ecs-fargate/dist/plan/stack.js");
runStack(loadStack(".", "dev")).then((r) => { console.log(JSON.stringify(r.resources.map((x) => x.type + " " + x.name))); process.exit(0); },
    (e) => { console.error(e.message); process.exit(1); });`;
        const out = ok(run(process.execPath, ["-e", loader], project), "loading the program with ts-node");
        loaded = (JSON.parse(out.trim().split("\n").pop()!) as string[]).filter((r) => !r.startsWith("pulumi:pulumi:Stack "));
        for (const component of ["ecs-fargate:index:Registry app", "ecs-fargate:index:FargateCluster main", "ecs-fargate:index:WebService web"]) {
            assert.ok(loaded.includes(component), `the program registered ${component}`);
        }
    });

    let repoPlan: Plan;
    it("plans the user's dev stack with `npx ecs-fargate plan`: the same resources as the demo here, and the pack's default levels make its trade-offs mandatory (exit 1)", async () => {
        const out = path.join(tmp, "plan-defaults");
        const r = run("npx", ["--no-install", "ecs-fargate", "plan", "--stack", "dev", "--quiet", "--out", out], project);
        assert.strictEqual(r.status, 1, r.stderr);
        const plan: Plan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
        ({ plan: repoPlan } = await buildPlan({ projectDir: ROOT, stack: "dev" }));
        assert.deepStrictEqual(typeAndName(plan.resources), typeAndName(repoPlan.resources));
        assert.deepStrictEqual(typeAndName(plan.resources).sort(), [...loaded].sort());
        assert.strictEqual(plan.project, PROJECT);
        assert.strictEqual(plan.policy.configFile, undefined);
        assert.ok(plan.policy.violations.some((v) => v.policy === "alb-listener-https-or-redirect" && v.level === "mandatory"), r.stderr);
        assert.ok(r.stderr.includes("plan: stack dev has"), r.stderr);
    });

    it("plans it with the pack's dev config from the installed package: exit 0, the repository's verdict and cost", () => {
        const out = path.join(tmp, "plan-dev");
        const config = path.join("node_modules", "ecs-fargate", "policy", "config", "dev.json");
        const r = run(path.join(project, "node_modules", ".bin", "ecs-fargate"), ["plan", "--stack", "dev", "--policy-config", config, "--quiet", "--out", out], project);
        assert.strictEqual(r.status, 0, r.stderr);
        const plan: Plan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
        assert.deepStrictEqual(plan.policy.violations.map((v) => [v.policy, v.level, v.resource]), repoPlan.policy.violations.map((v) => [v.policy, v.level, v.resource]));
        assert.strictEqual(plan.cost.totalMonthlyUsd, repoPlan.cost.totalMonthlyUsd);
    });

    it("deploys the user's dev stack to the simulated cloud with `npx ecs-fargate local up` and the Pulumi CLI on PATH, the pack under its dev config, and says to install the CLI without one", () => {
        const bin = path.join(project, "node_modules", ".bin", "ecs-fargate");
        const without = run(bin, ["local", "up", "--stack", "dev"], project, { PATH: path.dirname(process.execPath) });
        assert.strictEqual(without.status, 2, without.stderr);
        assert.match(without.stderr, /^ecs-fargate local: no Pulumi CLI: install it \(https:\/\/www\.pulumi\.com\/docs\/iac\/download-install\/\) so that `pulumi` is on PATH/);
        // The pack, from the installed package, with its dev config (which lowers dev's trade-offs to advisories).
        const config = path.join("node_modules", "ecs-fargate", "policy", "config", "dev.json");
        const r = run(bin, ["local", "up", "--stack", "dev", "--policy-pack-config", config], project, WITH_PULUMI_CLI);
        assert.strictEqual(r.status, 0, `${r.stdout}\n${r.stderr}`);
        assert.strictEqual(r.stdout.trimEnd().split("\n").pop(), 'resources: {"create":38}');
        assert.match(r.stdout, /Policies:\n.*ecs-fargate-policy@v[\d.]+ \(local: .*ecs-fargate-policy-pack\)\n(.*\n)*?\s+- \[advisory\] \[severity: high\]  alb-listener-https-or-redirect/, "the pack ran, with dev's levels");
        assert.ok(fs.existsSync(path.join(project, ".ecs-fargate", "state")), "the state is in the project's .ecs-fargate/");
    });

    it("answers `npx ecs-fargate --version` with package.json's version, and an unknown command with exit 2", () => {
        // The bin npx runs, called directly (npx itself costs a second or two per call).
        const bin = path.join(project, "node_modules", ".bin", "ecs-fargate");
        assert.strictEqual(ok(run(bin, ["--version"], project), "--version"), `${PACKAGE.version}\n`);
        const r = run(bin, ["deploy"], project);
        assert.strictEqual(r.status, 2);
        assert.ok(r.stderr.startsWith('ecs-fargate: unknown command "deploy"'), r.stderr);
    });

    it("serves the policy pack from node_modules/ecs-fargate/policy as `pulumi preview --policy-pack` starts it", async () => {
        const dir = path.join(project, "node_modules", "ecs-fargate", "policy");
        const runPolicyPack = path.join(project, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", "."], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
        try {
            const port = await new Promise<number>((resolve, reject) => {
                let stdout = "";
                let stderr = "";
                child.stdout.on("data", (d) => {
                    stdout += d;
                    const m = /^(\d+)\s*$/m.exec(stdout);
                    if (m) {
                        resolve(Number(m[1]));
                    }
                });
                child.stderr.on("data", (d) => (stderr += d));
                child.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
            });
            assert.ok(port > 0);
        } finally {
            child.kill();
        }
    });

    // Last: it takes ts-node out of the project.
    it("plans and deploys a TypeScript project without ts-node, as Pulumi's template leaves it: with the SDK's vendored ts-node", () => {
        fs.rmSync(path.join(project, "node_modules", "ts-node"), { recursive: true, force: true });
        assert.throws(() => require.resolve("ts-node", { paths: [project] }), "no ts-node left in the project");
        const bin = path.join(project, "node_modules", ".bin", "ecs-fargate");
        const planned = run(bin, ["plan", "--stack", "dev", "--quiet", "--out", path.join(tmp, "plan-vendored")], project);
        assert.strictEqual(planned.status, 1, planned.stderr);
        assert.deepStrictEqual(typeAndName(JSON.parse(fs.readFileSync(path.join(tmp, "plan-vendored", "plan.json"), "utf8")).resources), typeAndName(repoPlan.resources));
        const r = run(bin, ["local", "preview", "--stack", "dev"], project, WITH_PULUMI_CLI);
        assert.strictEqual(r.status, 0, `${r.stdout}\n${r.stderr}`);
        assert.strictEqual(r.stdout.trimEnd().split("\n").pop(), 'resources: {"same":38}');
    });
});
