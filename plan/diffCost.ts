/**
 * The monthly cost of a change: both stacks priced by `cost.ts` (one price table), then compared per resource.
 * A resource's monthly figure is the sum of its rounded cost lines, so the deltas add up to the total to the cent.
 */
import { RecordedResource } from "../sim/types";
import { CostLine, CostReport, estimateCost, toCents } from "./cost";

/** The monthly cost of one resource before and after, when either is not zero or its items differ. */
export interface CostDeltaLine {
    urn: string;
    type: string;
    name: string;
    component?: string;
    /** What is charged before and after, e.g. `NAT gateway hours`. */
    itemsBefore: string[];
    itemsAfter: string[];
    beforeMonthlyUsd: number;
    afterMonthlyUsd: number;
    deltaMonthlyUsd: number;
}

export interface CostDelta {
    lines: CostDeltaLine[];
    beforeMonthlyUsd: number;
    afterMonthlyUsd: number;
    deltaMonthlyUsd: number;
    /** Usage-priced items (traffic, storage) that appear or disappear: listed, not priced. */
    usageAdded: string[];
    usageRemoved: string[];
    warnings: string[];
}

function byUrn(lines: CostLine[]): Map<string, CostLine[]> {
    const out = new Map<string, CostLine[]>();
    for (const l of lines) {
        out.set(l.urn, [...(out.get(l.urn) ?? []), l]);
    }
    return out;
}

function cents(lines: CostLine[] | undefined): number {
    return (lines ?? []).reduce((s, l) => s + toCents(l.monthlyUsd), 0);
}

/** Compares two cost reports (already computed, e.g. read from a base `plan.json`). */
export function compareCosts(before: CostReport, after: CostReport): CostDelta {
    const b = byUrn(before.lines);
    const a = byUrn(after.lines);
    const urns = [...new Set([...a.keys(), ...b.keys()])];
    const lines: CostDeltaLine[] = [];
    for (const urn of urns) {
        const lb = b.get(urn) ?? [];
        const la = a.get(urn) ?? [];
        const itemsBefore = lb.map((l) => l.item);
        const itemsAfter = la.map((l) => l.item);
        const delta = cents(la) - cents(lb);
        if (delta === 0 && JSON.stringify(itemsBefore) === JSON.stringify(itemsAfter)) {
            continue;
        }
        const ref = la[0] ?? lb[0];
        lines.push({
            urn, type: ref.type, name: ref.name, component: ref.component, itemsBefore, itemsAfter,
            beforeMonthlyUsd: cents(lb) / 100, afterMonthlyUsd: cents(la) / 100, deltaMonthlyUsd: delta / 100,
        });
    }
    const usageKey = (u: { name: string; item: string }) => `${u.name}: ${u.item}`;
    const usageBefore = new Set(before.usage.map(usageKey));
    const usageAfter = new Set(after.usage.map(usageKey));
    const beforeCents = Math.round(before.totalMonthlyUsd * 100);
    const afterCents = Math.round(after.totalMonthlyUsd * 100);
    return {
        lines,
        beforeMonthlyUsd: beforeCents / 100,
        afterMonthlyUsd: afterCents / 100,
        deltaMonthlyUsd: (afterCents - beforeCents) / 100,
        usageAdded: [...usageAfter].filter((u) => !usageBefore.has(u)),
        usageRemoved: [...usageBefore].filter((u) => !usageAfter.has(u)),
        warnings: [...new Set([...after.warnings])],
    };
}

/** Prices both stacks and compares them. */
export function costDelta(base: RecordedResource[], head: RecordedResource[]): CostDelta {
    return compareCosts(estimateCost(base), estimateCost(head));
}
