/**
 * Benchmark of the offline plan: wall time (median of several runs), peak RSS and heap of `npm run plan` for the
 * dev and prod stacks and for synthetic stacks of 1, 10 and 50 web services, then the wall time of the test suite.
 * Figures are printed, never asserted.
 *
 *   npx ts-node --transpile-only bench/plan.ts [--runs 5] [--suite-runs 3] [--no-suite]
 *
 * Each plan run is a fresh process, as a user or CI job starts it: this file in `--worker` mode, which runs the
 * plan's CLI in-process and reports its own peak memory.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SYNTHETIC = path.join(ROOT, "tests", "plan", "fixtures", "synthetic");
const DEV_POLICY = path.join(ROOT, "policy", "config", "dev.json");

interface Sample {
    wallMs: number;
    maxRssBytes: number;
    heapUsedBytes: number;
    resources: number;
    exitCode: number;
}

interface Case {
    label: string;
    args: string[];
}

const CASES: Case[] = [
    { label: "dev", args: ["--stack", "dev"] },
    { label: "prod", args: ["--stack", "prod"] },
    ...[1, 10, 50].map((n) => ({ label: `synthetic, ${n} service${n === 1 ? "" : "s"}`, args: ["--cwd", SYNTHETIC, "--stack", `n${n}`, "--policy-config", DEV_POLICY] })),
];

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mb(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(2)} s`;
}

/** Worker mode: run the plan CLI in this process and print what it cost, as JSON, on stdout. */
async function worker(args: string[]): Promise<void> {
    const { main } = await import("../cli/main");
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-bench-"));
    const code = await main(["plan", ...args, "--quiet", "--out", out], { out: () => undefined, err: () => undefined });
    const plan = fs.existsSync(path.join(out, "plan.json")) ? JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8")) : { resources: [] };
    fs.rmSync(out, { recursive: true, force: true });
    const sample = { maxRssBytes: process.resourceUsage().maxRSS * 1024, heapUsedBytes: process.memoryUsage().heapUsed, resources: plan.resources.length, exitCode: code };
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    process.exit(0);
}

function runWorker(args: string[]): Promise<Sample> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, ["-r", "ts-node/register", __filename, "--worker", ...args], {
            cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, stdio: ["ignore", "pipe", "inherit"],
        });
        let stdout = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.on("error", reject);
        child.on("close", () => {
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            try {
                resolve({ wallMs, ...JSON.parse(stdout.trim().split("\n").pop() ?? "") });
            } catch {
                reject(new Error(`the plan worker for ${args.join(" ")} printed no result: ${stdout}`));
            }
        });
    });
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

async function bench(argv: string[]): Promise<void> {
    const runs = option(argv, "--runs", 5);
    const suiteRuns = option(argv, "--suite-runs", 3);
    console.log(`Offline plan benchmark: median of ${runs} runs, each a fresh process (node ${process.version}, ${os.cpus().length} CPUs)`);
    const rows: string[][] = [["stack", "resources", "wall (median)", "min–max", "peak RSS", "heap used", "exit"]];
    const medians = new Map<string, { wallMs: number; rss: number; heap: number; resources: number }>();
    for (const c of CASES) {
        const samples: Sample[] = [];
        for (let i = 0; i < runs; i++) {
            samples.push(await runWorker(c.args));
        }
        const m = { wallMs: median(samples.map((s) => s.wallMs)), rss: median(samples.map((s) => s.maxRssBytes)), heap: median(samples.map((s) => s.heapUsedBytes)), resources: samples[0].resources };
        medians.set(c.label, m);
        const walls = samples.map((s) => s.wallMs);
        rows.push([c.label, String(m.resources), seconds(m.wallMs), `${seconds(Math.min(...walls))}–${seconds(Math.max(...walls))}`, mb(m.rss), mb(m.heap), [...new Set(samples.map((s) => s.exitCode))].join(",")]);
        console.error(`bench: ${c.label} done`);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r) => console.log(`  ${r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`));
    const one = medians.get("synthetic, 1 service")!;
    const fifty = medians.get("synthetic, 50 services")!;
    console.log(
        `Growth from 1 to 50 services: ${seconds((fifty.wallMs - one.wallMs) / 49)} and ${mb((fifty.rss - one.rss) / 49)} RSS per extra service ` +
            `(${((fifty.resources - one.resources) / 49).toFixed(0)} resources each); 50 services take ${(fifty.wallMs / one.wallMs).toFixed(1)}× the time of 1.`,
    );
    if (argv.includes("--no-suite")) {
        return;
    }
    const suites: Array<[string, string[]]> = [
        ["test suite (TS_NODE_TRANSPILE_ONLY=true mocha, all tests)", [path.join(ROOT, "node_modules", ".bin", "mocha")]],
        ["plan tests only (tests/plan)", [path.join(ROOT, "node_modules", ".bin", "mocha"), "--no-config", "-r", "ts-node/register", "--extension", "ts", "--timeout", "120000", "tests/plan/**/*.test.ts"]],
    ];
    for (const [label, [cmd, ...args]] of suites) {
        const samples = Array.from({ length: suiteRuns }, () => timeCommand(cmd, args));
        const failed = samples.filter((s) => !s.ok).length;
        console.log(`${label}: median ${seconds(median(samples.map((s) => s.wallMs)))} over ${suiteRuns} runs${failed ? ` (${failed} run(s) failed)` : ""}`);
    }
}

const argv = process.argv.slice(2);
if (argv[0] === "--worker") {
    worker(argv.slice(1)).catch((e) => {
        console.error(e);
        process.exit(1);
    });
} else {
    bench(argv).catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
