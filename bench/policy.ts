/**
 * Benchmark: evaluating the pack over a synthetic stack of 50 web services (each the compliant fixture stack of
 * tests/policy: repository, roles, log group, task definition, security groups and rules, ALB, listeners, target
 * group, WAF association, service), the way the CLI does: Analyze per resource, then AnalyzeStack.
 *
 *   TS_NODE_TRANSPILE_ONLY=true npx ts-node bench/policy.ts [services] [runs]
 */
import { analyze } from "../plan/analyzer";
import { RecordedResource } from "../sim/types";
import { baselineStack, FixtureResource, urnOf } from "../tests/policy/fixtures";

function serviceStack(i: number): FixtureResource[] {
    const json = JSON.stringify(baselineStack())
        .replace(/sg-alb/g, `sg-alb-${i}`)
        .replace(/sg-task/g, `sg-task-${i}`)
        .replace(/app/g, `svc${i}`);
    return JSON.parse(json);
}

function recorded(stack: FixtureResource[]): RecordedResource[] {
    const urns = new Map(stack.map((f) => [f.name, urnOf(f)]));
    return stack.map((f) => ({
        urn: urnOf(f), type: f.type, name: f.name, custom: true, inputs: f.props, outputs: f.props,
        propertyDependencies: Object.fromEntries(Object.entries(f.deps).map(([k, names]) => [k, names.map((n) => urns.get(n)!)])),
        dependencies: Object.values(f.deps).flat().map((n) => urns.get(n)!),
    }));
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function time(work: () => Promise<unknown>): Promise<number> {
    const start = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
    const services = Number(process.argv[2] ?? 50);
    const runs = Number(process.argv[3] ?? 7);
    const resources = recorded(Array.from({ length: services }, (_, i) => serviceStack(i)).flat());
    const warm = await analyze(resources, {});
    if (warm.diagnostics.length > 0) {
        throw new Error(`the synthetic stack should be compliant; got ${warm.diagnostics.length} diagnostics, e.g. ${warm.diagnostics[0].message}`);
    }
    const rows: [string, number[]][] = [["Analyze + AnalyzeStack", []], ["Analyze (per resource)", []], ["AnalyzeStack", []]];
    for (let r = 0; r < runs; r++) {
        rows[0][1].push(await time(() => analyze(resources, {})));
        rows[1][1].push(await time(() => analyze(resources, {}, { phases: ["analyze"] })));
        rows[2][1].push(await time(() => analyze(resources, {}, { phases: ["analyzeStack"] })));
    }
    console.log(`policy pack over ${services} web services: ${resources.length} resources, ${runs} runs (after one warm-up)`);
    for (const [label, samples] of rows) {
        const sorted = [...samples].sort((a, b) => a - b);
        console.log(`${label.padEnd(26)} median ${percentile(sorted, 0.5).toFixed(0).padStart(6)} ms   p90 ${percentile(sorted, 0.9).toFixed(0).padStart(6)} ms   ` +
            `per resource ${(percentile(sorted, 0.5) / resources.length).toFixed(2)} ms`);
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
