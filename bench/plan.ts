/**
 * Benchmark of the offline plan: wall time (median of several runs), peak RSS and heap of `npx ecs-fargate plan`
 * (the compiled CLI, `node dist/cli/main.js plan`, without npx's own start-up) for the dev and prod stacks and for
 * synthetic stacks of 1, 10 and 50 web services; side by side with it, AWS CDK synthesizing the dev stack's
 * architecture (bench/cdk/app.js); then the wall time of the test suite. Figures are printed, never asserted.
 *
 *   npm run bench:plan [-- --runs 5] [--suite-runs 3] [--no-suite]
 *
 * Each run is a fresh process, as a user or CI job starts it. The programs are the repository's, as a user writes
 * them: generated under build/bench/ with `import … from "ecs-fargate"`, which Node resolves to this package's
 * dist/ (a package may import itself by name through its `exports`). The first run installs aws-cdk-lib into
 * build/bench-cdk (about 190 MB, from npm).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, "build", "bench");
const CLI = path.join(ROOT, "dist", "cli", "main.js");
const CDK_DIR = path.join(ROOT, "build", "bench-cdk");
const CDK_PACKAGES = ["aws-cdk-lib@2.276.0", "constructs@10.8.1"];
const POLICY = (stack: string) => path.join(ROOT, "policy", "config", `${stack}.json`);

interface Sample {
    wallMs: number;
    maxRssBytes: number;
    heapUsedBytes: number;
    resources: number;
    exitCode: number;
}

interface Case {
    label: string;
    command: string[];
    cwd: string;
    env?: NodeJS.ProcessEnv;
    /** The plan.json to count resources in, or the CDK template. */
    output: string;
    countResources(output: string): number;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A project as a user has it: the program imports "ecs-fargate"; its build context is the repository's app/. */
function userProject(name: string, from: string, files: string[], importPath: string): string {
    const dir = path.join(WORK, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const file of files) {
        fs.copyFileSync(path.join(from, file), path.join(dir, file));
    }
    const program = fs.readFileSync(path.join(from, "index.ts"), "utf8");
    const rewritten = program.replace(`from "${importPath}";`, 'from "ecs-fargate";').replace(/"(\.\.\/)+app"/g, JSON.stringify(path.join(ROOT, "app")));
    if (rewritten === program) {
        throw new Error(`${path.join(from, "index.ts")} does not import ${importPath}`);
    }
    fs.writeFileSync(path.join(dir, "index.ts"), rewritten);
    fs.cpSync(path.join(ROOT, "app"), path.join(dir, "app"), { recursive: true });
    return dir;
}

/** Writes peak RSS and heap to BENCH_SAMPLE_FILE when the process exits (loaded with `node -r`). */
function samplePreload(): string {
    const file = path.join(WORK, "sample.js");
    fs.writeFileSync(file, `process.on("exit", () => require("fs").writeFileSync(process.env.BENCH_SAMPLE_FILE, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, heapUsedBytes: process.memoryUsage().heapUsed })));\n`);
    return file;
}

function ensureCdk(): void {
    if (fs.existsSync(path.join(CDK_DIR, "node_modules", "aws-cdk-lib", "package.json"))) {
        return;
    }
    console.error(`bench: installing ${CDK_PACKAGES.join(" ")} into ${path.relative(ROOT, CDK_DIR)}`);
    fs.mkdirSync(CDK_DIR, { recursive: true });
    fs.writeFileSync(path.join(CDK_DIR, "package.json"), `${JSON.stringify({ name: "bench-cdk", private: true })}\n`);
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...CDK_PACKAGES], { cwd: CDK_DIR, stdio: "inherit" });
    if (r.status !== 0) {
        throw new Error("could not install aws-cdk-lib for the CDK comparison");
    }
}

function runOnce(c: Case, preload: string): Promise<Sample> {
    const sampleFile = path.join(WORK, "sample.json");
    fs.rmSync(sampleFile, { force: true });
    fs.rmSync(c.output, { recursive: true, force: true });
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const [node, ...args] = c.command;
        const child = spawn(node, ["-r", preload, ...args], { cwd: c.cwd, env: { ...process.env, ...c.env, BENCH_SAMPLE_FILE: sampleFile }, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => {
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            try {
                const sample = JSON.parse(fs.readFileSync(sampleFile, "utf8"));
                resolve({ wallMs, ...sample, resources: c.countResources(c.output), exitCode: code ?? -1 });
            } catch (e) {
                reject(new Error(`${c.label} left no result (exit ${code}): ${e instanceof Error ? e.message : e}\n${stderr}`));
            }
        });
    });
}

function planCase(label: string, cwd: string, stack: string, policy: string, command = [process.execPath, CLI]): Case {
    const out = path.join(WORK, "out", label.replace(/\W+/g, "-"));
    return {
        label, cwd, output: out,
        command: [...command, "plan", "--stack", stack, "--policy-config", policy, "--quiet", "--out", out],
        countResources: (o) => JSON.parse(fs.readFileSync(path.join(o, "plan.json"), "utf8")).resources.length,
    };
}

function cdkCase(): Case {
    const out = path.join(WORK, "cdk.out");
    return {
        label: "AWS CDK synth of dev's architecture", cwd: ROOT, output: out, env: { BENCH_CDK_DIR: CDK_DIR },
        command: [process.execPath, path.join(ROOT, "bench", "cdk", "app.js"), out, path.join(ROOT, "app")],
        countResources: (o) => Object.keys(JSON.parse(fs.readFileSync(path.join(o, "ecs-fargate-demo-dev.template.json"), "utf8")).Resources).length,
    };
}

function timeCommand(command: string, args: string[]): { wallMs: number; ok: boolean } {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, stdio: "ignore" });
    return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, ok: result.status === 0 };
}

function option(argv: string[], name: string, fallback: number): number {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
}

function printTable(rows: string[][]): void {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r) => console.log(`  ${r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`));
}

/** Runs each group's cases in turn, `runs` rounds, so cases of one group see the same machine load. */
async function measure(groups: Case[][], runs: number, preload: string): Promise<Map<string, Sample[]>> {
    const samples = new Map<string, Sample[]>();
    for (const group of groups) {
        for (let i = 0; i < runs; i++) {
            for (const c of group) {
                samples.set(c.label, [...(samples.get(c.label) ?? []), await runOnce(c, preload)]);
            }
        }
        console.error(`bench: ${group.map((c) => c.label).join(" / ")} done`);
    }
    return samples;
}

async function bench(argv: string[]): Promise<void> {
    const runs = option(argv, "--runs", 5);
    const suiteRuns = option(argv, "--suite-runs", 3);
    if (!fs.existsSync(CLI)) {
        throw new Error("no dist/cli/main.js: run npm run build first (npm run bench:plan does)");
    }
    fs.mkdirSync(WORK, { recursive: true });
    ensureCdk();
    const preload = samplePreload();
    const demo = userProject("demo", ROOT, ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"], "./components");
    const synthetic = path.join(ROOT, "tests", "plan", "fixtures", "synthetic");
    const synth = userProject("synthetic", synthetic, fs.readdirSync(synthetic).filter((f) => f.endsWith(".yaml")), "../../../../components");

    const dev = planCase("dev", demo, "dev", POLICY("dev"));
    const source = planCase("dev, from the sources through ts-node (the previous npm run plan)", ROOT, "dev", POLICY("dev"),
        [process.execPath, "-r", require.resolve("ts-node/register/transpile-only"), path.join(ROOT, "cli", "main.ts")]);
    const cdk = cdkCase();
    const groups = [
        [dev, cdk, source],
        [planCase("prod", demo, "prod", POLICY("prod"))],
        [1, 10, 50].map((n) => planCase(`synthetic, ${n} service${n === 1 ? "" : "s"}`, synth, `n${n}`, POLICY("dev"))),
    ];
    console.log(`Offline plan benchmark: median of ${runs} runs, each a fresh process (node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`);
    const samples = await measure(groups, runs, preload);

    const rows: string[][] = [["run", "resources", "wall (median)", "min–max", "peak RSS", "heap used", "exit"]];
    const medians = new Map<string, { wallMs: number; rss: number; resources: number }>();
    for (const c of groups.flat()) {
        const s = samples.get(c.label)!;
        const walls = s.map((x) => x.wallMs);
        const m = { wallMs: median(walls), rss: median(s.map((x) => x.maxRssBytes)), resources: s[0].resources };
        medians.set(c.label, m);
        rows.push([c.label, String(m.resources), seconds(m.wallMs), `${seconds(Math.min(...walls))}–${seconds(Math.max(...walls))}`, mb(m.rss), mb(median(s.map((x) => x.heapUsedBytes))), [...new Set(s.map((x) => x.exitCode))].join(",")]);
    }
    printTable(rows);
    const [d, k, src] = [medians.get(dev.label)!, medians.get(cdk.label)!, medians.get(source.label)!];
    console.log(`Plan of dev vs AWS CDK synthesizing the same architecture: ${seconds(d.wallMs)} / ${seconds(k.wallMs)} = ${(d.wallMs / k.wallMs).toFixed(2)}× (goal ≤ 0.5×); ` +
        `the compiled CLI takes ${(d.wallMs / src.wallMs).toFixed(2)}× the time of the plan run from the sources.`);
    const one = medians.get("synthetic, 1 service")!;
    const fifty = medians.get("synthetic, 50 services")!;
    const ten = medians.get("synthetic, 10 services")!;
    console.log(
        `Growth from 1 to 50 services: ${seconds((fifty.wallMs - one.wallMs) / 49)} and ${mb((fifty.rss - one.rss) / 49)} RSS per extra service ` +
            `(${((fifty.resources - one.resources) / 49).toFixed(0)} resources each; from 1 to 10: ${seconds((ten.wallMs - one.wallMs) / 9)} per service); ` +
            `50 services take ${(fifty.wallMs / one.wallMs).toFixed(1)}× the time of 1.`,
    );
    if (argv.includes("--no-suite")) {
        return;
    }
    const suites: Array<[string, string[]]> = [
        ["test suite (TS_NODE_TRANSPILE_ONLY=true mocha, all tests)", [path.join(ROOT, "node_modules", ".bin", "mocha")]],
        ["plan and CLI tests only (tests/plan, tests/cli)", [path.join(ROOT, "node_modules", ".bin", "mocha"), "--no-config", "-r", "ts-node/register", "--extension", "ts", "--timeout", "120000", "tests/plan/**/*.test.ts", "tests/cli/**/*.test.ts"]],
    ];
    for (const [label, [cmd, ...args]] of suites) {
        const s = Array.from({ length: suiteRuns }, () => timeCommand(cmd, args));
        const failed = s.filter((x) => !x.ok).length;
        console.log(`${label}: median ${seconds(median(s.map((x) => x.wallMs)))} over ${suiteRuns} runs${failed ? ` (${failed} run(s) failed)` : ""}`);
    }
}

bench(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
});
