/**
 * The plan as a person reads it: in a terminal or CI log (`renderText`) and as `plan.md` (`renderMarkdown`, with
 * the Mermaid diagram GitHub renders). Both show the same sections in the same order.
 */
import * as path from "path";
import { CostReport } from "./cost";
import { RollingUpdate } from "./deployTime";
import { columns, duration, mdTable, range, unitUsd, usd } from "./format";
import { Plan, ResourceSummary } from "./plan";
import { PRICES } from "./prices";
import { AWS_DEFAULTS, TIMINGS } from "./timings";

function settingsWords(s: Record<string, unknown>): string {
    return Object.entries(s).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
}

/** Tree rows (prefix + type, name, settings) like `pulumi preview`. */
export function treeRows(resources: ResourceSummary[]): string[][] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, ResourceSummary[]>();
    for (const r of resources) {
        if (r.parent && byUrn.has(r.parent)) {
            children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
        }
    }
    const rows: string[][] = [];
    const walk = (r: ResourceSummary, prefix: string, last: boolean, root: boolean) => {
        rows.push([`${root ? "" : prefix + (last ? "└─ " : "├─ ")}${r.type}`, r.name, settingsWords(r.settings)]);
        const kids = children.get(r.urn) ?? [];
        kids.forEach((k, i) => walk(k, root ? "" : prefix + (last ? "   " : "│  "), i === kids.length - 1, false));
    };
    resources.filter((r) => !r.parent || !byUrn.has(r.parent)).forEach((r) => walk(r, "", true, true));
    return rows;
}

function priceText(keys: (keyof typeof PRICES)[]): string {
    return keys.map((k) => `${unitUsd(PRICES[k].usd)} per ${PRICES[k].unit}`).join(" + ");
}

function costRows(cost: CostReport): string[][] {
    return cost.lines.map((l) => [l.name, l.component ?? "-", l.item, usd(l.monthlyUsd)]);
}

function rollingRow(u: RollingUpdate): string[] {
    const s = u.settings;
    const mark = (v: { value: number | boolean; from: string }, unit = "") => `${v.value}${unit}${v.from === "default" ? "*" : ""}`;
    return [
        u.name,
        String(u.desiredCount),
        u.strategy === "ROLLING" ? `${u.batches}×${u.batchSize}` : `${u.strategy} ${u.batches}×${u.batchSize}`,
        `${mark(s.healthCheckIntervalSeconds, " s")} × ${mark(s.healthyThresholdCount)}`,
        mark(s.healthCheckGracePeriodSeconds, " s"),
        mark(s.deregistrationDelaySeconds, " s"),
        mark(s.stopTimeoutSeconds, " s"),
        mark(s.waitForSteadyState),
        range(u.rolloutLowS, u.rolloutHighS),
        range(u.pulumiUpLowS, u.pulumiUpHighS),
    ];
}

const ROLLING_HEADER = ["service", "tasks", "rounds", "health check", "grace", "drain", "stop", "wait", "rollout", "pulumi up returns"];

function pathText(plan: Plan): string {
    return plan.deployTime.fresh.criticalPathHigh.filter((s) => s.durationS > 0).map((s) => `${s.name} (${duration(s.durationS)})`).join(" → ");
}

function policyLines(plan: Plan): string[] {
    return plan.policy.violations.map((v) => `${v.level.padEnd(9)} ${v.policy}${v.resource ? ` (${v.resource})` : ""}: ${v.message}`);
}

function policyHeadline(plan: Plan): string {
    const p = plan.policy;
    const config = p.configFile === undefined ? "the pack's defaults" : path.relative(process.cwd(), p.configFile) || p.configFile;
    return `${p.mandatory} mandatory, ${p.advisory} advisory violation${p.advisory === 1 ? "" : "s"} (${p.pack}, ${p.policies} policies, config ${config})`;
}

/** The terminal report. */
export function renderText(plan: Plan): string {
    const out: string[] = [];
    const cloud = plan.resources.filter((r) => r.custom).length;
    out.push(`Offline plan of stack ${plan.stack} (project ${plan.project}, region ${plan.region}): nothing was deployed; AWS was simulated.`);
    for (const w of plan.warnings) {
        out.push(`warning: ${w}`);
    }
    out.push("", `Resources: ${plan.resources.length} (${cloud} cloud resources; ${plan.resources.length - cloud} components including the stack)`);
    out.push(...columns(treeRows(plan.resources)));
    const outputs = Object.entries(plan.outputs);
    if (outputs.length > 0) {
        out.push("", "Outputs:");
        out.push(...columns(outputs.map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
    }
    out.push("", `Policy: ${policyHeadline(plan)}`);
    out.push(...policyLines(plan).map((l) => `  ${l}`));
    out.push("", `Monthly cost: ${usd(plan.cost.totalMonthlyUsd)} (${plan.tables.hoursPerMonth} h, us-east-1 on-demand)`);
    out.push(...columns([["resource", "component", "item", "monthly"], ...costRows(plan.cost), ["total", "", "", usd(plan.cost.totalMonthlyUsd)]]));
    for (const s of plan.cost.services.filter((x) => x.autoscaling)) {
        const a = s.autoscaling!;
        out.push(`  autoscaling ${s.name}: ${a.minCapacity}–${a.maxCapacity} tasks → ${usd(a.monthlyUsdAtMin)}–${usd(a.monthlyUsdAtMax)} a month for its tasks (total above counts ${s.desiredCount})`);
    }
    out.push("  Usage-priced, not estimated:");
    out.push(...columns(plan.cost.usage.map((u) => [u.name, u.item, priceText(u.prices)]), "    "));
    out.push("  Assumptions:", ...plan.cost.assumptions.map((a) => `    - ${a}`));
    out.push(...plan.cost.warnings.map((w) => `  warning: ${w}`));
    const f = plan.deployTime.fresh;
    out.push("", `Fresh pulumi up: ${range(f.lowS, f.highS)} (critical path through the resource graph)`);
    out.push(`  slowest path: ${pathText(plan)}`);
    out.push("  Rolling update of each service (* = AWS default):");
    out.push(...columns([ROLLING_HEADER, ...plan.deployTime.rollingUpdates.map(rollingRow)], "    "));
    for (const u of plan.deployTime.rollingUpdates) {
        out.push(...u.notes.map((n) => `    ${u.name}: ${n}`));
    }
    out.push("  Timing table (FACTS.md):");
    out.push(...columns(Object.values(TIMINGS).map((t) => [range(t.lowS, t.highS), t.source]), "    "));
    return out.join("\n");
}

/** The Markdown report (`plan.md`). */
export function renderMarkdown(plan: Plan): string {
    const out: string[] = [];
    const f = plan.deployTime.fresh;
    out.push(`# Offline plan: stack \`${plan.stack}\` of \`${plan.project}\``, "");
    out.push(`Region ${plan.region}. Nothing was deployed: the program ran against a simulated AWS.`, "");
    out.push(...mdTable(["", ""], [
        ["resources", String(plan.resources.length)],
        ["policy", policyHeadline(plan)],
        ["monthly cost", usd(plan.cost.totalMonthlyUsd)],
        ["fresh `pulumi up`", range(f.lowS, f.highS)],
        ...plan.deployTime.rollingUpdates.map((u) => [`rolling update of ${u.name}`, range(u.rolloutLowS, u.rolloutHighS)]),
    ]));
    out.push(...plan.warnings.map((w) => `\n> warning: ${w}`));
    out.push("", "## Architecture", "", "```mermaid", plan.diagram, "```", "");
    out.push("## Resources", "", "```", ...columns(treeRows(plan.resources), ""), "```", "");
    out.push("## Policy", "", policyHeadline(plan), "");
    if (plan.policy.violations.length > 0) {
        out.push(...mdTable(["level", "policy", "resource", "message"], plan.policy.violations.map((v) => [v.level, v.policy, v.resource ?? "", v.message])), "");
    }
    out.push("## Monthly cost", "");
    out.push(...mdTable(["resource", "component", "item", "monthly"], [...costRows(plan.cost), ["**total**", "", "", `**${usd(plan.cost.totalMonthlyUsd)}**`]]), "");
    for (const s of plan.cost.services.filter((x) => x.autoscaling)) {
        const a = s.autoscaling!;
        out.push(`Autoscaling of ${s.name}: ${a.minCapacity}–${a.maxCapacity} tasks cost ${usd(a.monthlyUsdAtMin)}–${usd(a.monthlyUsdAtMax)} a month (the total counts the desired ${s.desiredCount}).`, "");
    }
    out.push("Usage-priced, not estimated:", "", ...mdTable(["resource", "item", "price"], plan.cost.usage.map((u) => [u.name, u.item, priceText(u.prices)])), "");
    out.push("Assumptions:", "", ...plan.cost.assumptions.map((a) => `- ${a}`), ...plan.cost.warnings.map((w) => `- warning: ${w}`), "");
    out.push(`Prices (${plan.tables.priceSource}):`, "");
    out.push(...mdTable(["price", "per", "source row"], Object.entries(PRICES).map(([k, p]) => [`${k}: ${unitUsd(p.usd)}`, p.unit, p.source])), "");
    out.push("## Deploy time", "", `Fresh \`pulumi up\`: **${range(f.lowS, f.highS)}**. Slowest path: ${pathText(plan)}.`, "");
    out.push("Rolling update of each service (* = AWS default):", "", ...mdTable(ROLLING_HEADER, plan.deployTime.rollingUpdates.map(rollingRow)), "");
    for (const u of plan.deployTime.rollingUpdates) {
        out.push(...u.notes.map((n) => `- ${u.name}: ${n}`));
    }
    out.push("", ...plan.deployTime.assumptions.map((a) => `- ${a}`), "");
    out.push("Defaults used where a service does not set a value (marked *):", "", ...mdTable(["setting", "default", "source"], Object.entries(AWS_DEFAULTS).map(([k, d]) => [k, String(d.value), d.source])), "");
    out.push(`Timing table (${plan.tables.timingSource}):`, "", ...mdTable(["step", "range", "source"], Object.values(TIMINGS).map((t) => [t.label, range(t.lowS, t.highS), t.source])), "");
    return out.join("\n");
}
