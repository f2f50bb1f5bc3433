/**
 * The plan of a change as a person reads it: in a terminal or CI log (`renderDiffText`) and as `plan-diff.md`, a
 * pull-request comment that starts with the one-line verdict, then the risks, changes, cost and rollout tables,
 * then the Mermaid diagram with the changed resources marked. Both show the same sections in the same order.
 */
import { ChangeKind, ResourceChange } from "./diff";
import { PlanDiff, signedUsd } from "./diffPlan";
import { columns, mdTable, range, usd } from "./format";
import { ServiceRollout } from "./rollout";

const SYMBOL: Record<ChangeKind, string> = { create: "+", delete: "-", update: "~", replace: "+-" };

function shortType(type: string): string {
    return type.replace(/^aws:/, "").replace(/:[A-Za-z]+$/, "");
}

function value(v: unknown): string {
    return v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v);
}

/** Longer values (a JSON document in a string) are named, not quoted: their key settings show what differs. */
const MAX_VALUE = 80;

/** What changes, in words: the inputs (forcing ones marked), and the key settings that differ. */
export function changeText(c: ResourceChange): string {
    if (c.kind === "create" || c.kind === "delete") {
        const s = c.kind === "create" ? c.after : c.before;
        return Object.entries(s ?? {}).map(([k, v]) => `${k}=${value(v)}`).join(" ");
    }
    const differs = (k: string) => value(c.before?.[k]) !== value(c.after?.[k]);
    const inputs = c.changed.map((k) => {
        const forced = c.forcing.includes(k) ? " (forces replacement)" : "";
        const from = c.computedFrom[k] ? ` (from replaced ${c.computedFrom[k]})` : "";
        const v = c.values[k];
        const short = v && !c.computedFrom[k] && value(v.before).length <= MAX_VALUE && value(v.after).length <= MAX_VALUE;
        const shown = short ? `${k}: ${value(v.before)} → ${value(v.after)}` : !v && differs(k) ? `${k}: ${value(c.before?.[k])} → ${value(c.after?.[k])}` : k;
        return `${shown}${forced}${from}`;
    });
    const keys = [...new Set([...Object.keys(c.before ?? {}), ...Object.keys(c.after ?? {})])];
    const settings = keys.filter((k) => !c.changed.includes(k) && differs(k)).map((k) => `${k}: ${value(c.before?.[k])} → ${value(c.after?.[k])}`);
    const order = c.kind === "replace" ? (c.deleteBeforeReplace ? " [delete, then create]" : " [create, then delete]") : "";
    return `${inputs.join(", ")}${settings.length > 0 ? `; ${settings.join(", ")}` : ""}${order}`;
}

function countsText(d: PlanDiff): string {
    const c = d.counts;
    return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.unchanged} unchanged`;
}

function changeRows(d: PlanDiff): string[][] {
    return d.changes.map((c) => [SYMBOL[c.kind], c.kind, c.name, shortType(c.type), changeText(c)]);
}

function costRows(d: PlanDiff): string[][] {
    return d.cost.lines.map((l) => [l.name, shortType(l.type), usd(l.beforeMonthlyUsd), usd(l.afterMonthlyUsd), signedUsd(l.deltaMonthlyUsd), (l.itemsAfter.length > 0 ? l.itemsAfter : l.itemsBefore).join("; ")]);
}

function span(x: [number, number]): string {
    return range(x[0], x[1]);
}

function serviceRow(s: ServiceRollout): string[] {
    const how = { rolling: "rolling update", "blue-green": "blue/green", scale: "scaling", create: "new service", replace: "replaced service" }[s.kind];
    return [
        s.name, how, `${s.rounds}×${s.tasksPerRound}`, span(s.steps.taskStart), span(s.steps.healthy), `${s.gracePeriodSeconds} s`,
        span(s.steps.bake), span(s.steps.deregistration), span(s.steps.stop), range(s.lowS, s.highS), String(s.waitForSteadyState),
    ];
}

const SERVICE_HEADER = ["service", "how", "rounds×tasks", "task start", "health check", "grace", "bake", "drain", "stop", "rollout", "wait"];

function policyText(d: PlanDiff): string | undefined {
    return d.policy ? `${d.policy.mandatory} mandatory, ${d.policy.advisory} advisory policy violation(s) in the head stack` : undefined;
}

/** The terminal report. */
export function renderDiffText(d: PlanDiff): string {
    const out: string[] = [];
    out.push(d.verdict);
    out.push(`Plan of a change to stack ${d.head.stack} (project ${d.head.project}): ${d.base.label} → ${d.head.label}. Offline: AWS was simulated.`);
    const policy = policyText(d);
    if (policy) {
        out.push(policy);
    }
    out.push("", `Risks: ${d.risks.length === 0 ? "none" : d.risks.length}`);
    out.push(...d.risks.map((r) => `  ${r.kind.padEnd(16)} ${r.resource}: ${r.reason}`));
    out.push("", `Changes: ${countsText(d)}`);
    out.push(...columns(changeRows(d)));
    out.push("", `Monthly cost: ${usd(d.cost.beforeMonthlyUsd)} → ${usd(d.cost.afterMonthlyUsd)} (${signedUsd(d.cost.deltaMonthlyUsd)})`);
    if (d.cost.lines.length > 0) {
        out.push(...columns([["resource", "type", "before", "after", "delta", "items"], ...costRows(d)]));
    }
    out.push(...d.cost.usageAdded.map((u) => `  new usage-priced item (not estimated): ${u}`));
    out.push(...d.cost.usageRemoved.map((u) => `  usage-priced item gone: ${u}`));
    const r = d.rollout;
    out.push("", `Rollout: ${range(r.totalLowS, r.totalHighS)} until everything runs the new version; pulumi up ${range(r.pulumiUpLowS, r.pulumiUpHighS)}`);
    if (r.criticalPath.length > 0) {
        out.push(`  critical path: ${r.criticalPath.join(" → ")}${r.deletionHighS > 0 ? `, then deletions (${range(r.deletionLowS, r.deletionHighS)})` : ""}`);
    }
    if (r.services.length > 0) {
        out.push(...columns([SERVICE_HEADER, ...r.services.map(serviceRow)], "  "));
        for (const s of r.services) {
            out.push(...s.notes.map((n) => `  ${s.name}: ${n}`));
        }
    }
    out.push(...d.warnings.map((w) => `warning: ${w}`));
    return out.join("\n");
}

/** The pull-request comment (`plan-diff.md`). */
export function renderDiffMarkdown(d: PlanDiff): string {
    const out: string[] = [];
    const r = d.rollout;
    out.push(`**${d.verdict}**`, "");
    out.push(`Plan of a change to stack \`${d.head.stack}\` of \`${d.head.project}\`: ${d.base.label} → ${d.head.label}. Offline: nothing was deployed, AWS was simulated.`, "");
    const policy = policyText(d);
    if (policy) {
        out.push(`Policy: ${policy}.`, "");
    }
    out.push(`### Risks (${d.risks.length})`, "");
    out.push(...(d.risks.length === 0 ? ["None."] : mdTable(["risk", "resource", "reason"], d.risks.map((x) => [x.kind, x.resource, x.reason]))), "");
    out.push(`### Changes`, "", countsText(d), "");
    if (d.changes.length > 0) {
        out.push(...mdTable(["", "change", "resource", "type", "what changes"], changeRows(d)), "");
    }
    out.push(`### Monthly cost: ${usd(d.cost.beforeMonthlyUsd)} → ${usd(d.cost.afterMonthlyUsd)} (${signedUsd(d.cost.deltaMonthlyUsd)})`, "");
    if (d.cost.lines.length > 0) {
        out.push(...mdTable(["resource", "type", "before", "after", "delta", "items"], [...costRows(d), ["**total**", "", usd(d.cost.beforeMonthlyUsd), usd(d.cost.afterMonthlyUsd), `**${signedUsd(d.cost.deltaMonthlyUsd)}**`, ""]]), "");
    }
    out.push(...d.cost.usageAdded.map((u) => `- new usage-priced item (not estimated): ${u}`), ...d.cost.usageRemoved.map((u) => `- usage-priced item gone: ${u}`));
    out.push("", `### Rollout: ${range(r.totalLowS, r.totalHighS)}`, "");
    out.push(`\`pulumi up\` takes ${range(r.pulumiUpLowS, r.pulumiUpHighS)}${r.criticalPath.length > 0 ? `; critical path: ${r.criticalPath.join(" → ")}` : ""}${r.deletionHighS > 0 ? `, then deletions (${range(r.deletionLowS, r.deletionHighS)})` : ""}.`, "");
    if (r.services.length > 0) {
        out.push(...mdTable(SERVICE_HEADER, r.services.map(serviceRow)), "");
        for (const s of r.services) {
            out.push(...s.notes.map((n) => `- ${s.name}: ${n}`));
        }
        out.push("");
    }
    out.push("<details><summary>How the estimates are made</summary>", "", ...r.assumptions.map((a) => `- ${a}`), `- Replacements: ${d.replacementSource}.`, "", "</details>", "");
    out.push("### Diagram", "", "Green: created, yellow: updated, red: replaced.", "", "```mermaid", d.diagram, "```", "");
    out.push(...d.warnings.map((w) => `> warning: ${w}`));
    return out.join("\n");
}

