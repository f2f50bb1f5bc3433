/**
 * Benchmark of the plan of a change, printed, never asserted: the pure comparison (`planDiff`: diff, risks, cost
 * delta, rollout) of two runs of the synthetic stacks of 1, 10 and 50 web services, one with a changed image tag, as
 * the median of several runs.
 *
 *   npx ts-node --transpile-only bench/planDiff.ts [--runs 5]
 */
import * as path from "path";
import { planDiff } from "../plan/diffPlan";
import { loadStack, runStack } from "../plan/stack";
import { RecordedResource } from "../sim/types";

const SYNTHETIC = path.join(__dirname, "..", "tests", "plan", "fixtures", "synthetic");

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

/** The same stack with one task more in every service: each service scales out and costs more. */
function scaledOut(resources: RecordedResource[]): RecordedResource[] {
    return resources.map((r) => (r.type === "aws:ecs/service:Service" ? { ...r, inputs: { ...r.inputs, desiredCount: Number(r.inputs.desiredCount ?? 1) + 1 } } : r));
}

async function main(): Promise<void> {
    const runsAt = process.argv.indexOf("--runs");
    const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
    console.log(`plan of a change (planDiff), median of ${runs} runs, node ${process.version}:`);
    for (const stack of ["n1", "n10", "n50"]) {
        const base = (await runStack(loadStack(SYNTHETIC, stack))).resources;
        const head = scaledOut(base);
        const side = { label: stack, project: "synthetic", stack };
        const times: number[] = [];
        let changes = 0;
        for (let i = 0; i < runs; i++) {
            const started = process.hrtime.bigint();
            changes = planDiff(base, head, { base: side, head: side }).changes.length;
            times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        console.log(`  ${stack.padEnd(4)} ${String(base.length).padStart(4)} resources, ${String(changes).padStart(4)} changes: ${median(times).toFixed(1)} ms`);
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
