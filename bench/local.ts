/**
 * Benchmark: `ecs-fargate local` through the real Pulumi CLI against the simulated cloud, each in a fresh
 * `.ecs-fargate/` under a temporary folder: the first up of dev and of prod, then the no-op second up of each;
 * with `--suite`, the whole mocha suite's wall time too (`npm run test:unit`, after `npm test` has built the CLI).
 *
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/local.ts [--suite]
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runLocal } from "../engine/local";
import { REPO_ROOT } from "../engine/workspace";

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    const result = await run();
    console.log(`${what.padEnd(28)} ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`);
    return result;
}

async function main(): Promise<void> {
    console.log(`ecs-fargate local on ${os.cpus().length} cores (node ${process.version})`);
    for (const stack of ["dev", "prod"]) {
        const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), `ecs-fargate-bench-${stack}-`));
        const options = { projectDir: REPO_ROOT, stack, stateRoot };
        const first = await timed(`local up ${stack} (first)`, () => runLocal("up", options));
        const again = await timed(`local up ${stack} (no-op)`, () => runLocal("up", options));
        console.log(`${"".padEnd(28)} resources: ${JSON.stringify(first.changes)} then ${JSON.stringify(again.changes)}`);
        fs.rmSync(stateRoot, { recursive: true, force: true });
    }
    if (process.argv.includes("--suite")) {
        const start = Date.now();
        const run = spawnSync("npm", ["run", "test:unit", "--silent"], { cwd: REPO_ROOT, stdio: "ignore" });
        console.log(`${"the mocha suite".padEnd(28)} ${((Date.now() - start) / 1000).toFixed(1)} s (exit ${run.status})`);
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
