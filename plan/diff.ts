/**
 * The difference between two recorded stacks, per resource, as `pulumi preview --diff` would decide it: create,
 * delete, update in place (with the inputs that change) or replace (with the inputs that force it). Replacement
 * semantics come from `sim/replacements.ts`, the table the simulated provider's Diff also reads.
 *
 * A replacement reaches the resources built from it: when a replaced resource gets a new ARN or ID (a new task
 * definition revision, a new target group), every input computed from it changes too, and may itself force a
 * replacement (a listener on a replaced load balancer). Resources matched by URN; components and providers have no
 * cloud side and are left out.
 */
import { changedProperties, keepsIdentityOnReplace, replacementReasons, replacementRule } from "../sim/replacements";
import { RecordedResource } from "../sim/types";
import { keySettings } from "./settings";
import { isSecret, plain, ResourceGraph, STACK_TYPE } from "./values";

export type ChangeKind = "create" | "delete" | "update" | "replace";

/** What happens to one resource. */
export interface ResourceChange {
    urn: string;
    type: string;
    name: string;
    /** Nearest component ancestor's name. */
    component?: string;
    kind: ChangeKind;
    /** Update or replace: the top-level inputs that change, sorted. */
    changed: string[];
    /** Inputs that change because they are computed from a replaced resource: input → that resource's name. */
    computedFrom: Record<string, string>;
    /** Replace: the changed inputs that force it, sorted. */
    forcing: string[];
    /**
     * Replace: true when the old resource is deleted before the new one is created — the resource option, or a name
     * that stays the same (two resources cannot hold one name, so the Pulumi AWS provider deletes first).
     */
    deleteBeforeReplace?: boolean;
    /** Changed inputs whose values are scalars (a string, number or boolean, or unset): before and after. */
    values: Record<string, { before?: unknown; after?: unknown }>;
    /** The key settings before (delete, update, replace) and after (create, update, replace). */
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
}

export interface ResourceDiff {
    /** Changed resources, in the head stack's tree order, deletions last in the base stack's order. */
    changes: ResourceChange[];
    /** Custom resources that stay as they are. */
    unchanged: number;
}

/** Types with no cloud side: the stack, components and providers. */
export function isCloudResource(r: RecordedResource): boolean {
    return r.custom && r.type !== STACK_TYPE && !r.type.startsWith("pulumi:providers:");
}

function inputsOf(r: RecordedResource): Record<string, unknown> {
    return plain(r.inputs) as Record<string, unknown>;
}

function scalarValues(b: RecordedResource, h: RecordedResource, olds: Record<string, unknown>, news: Record<string, unknown>, changed: string[]): ResourceChange["values"] {
    const scalar = (v: unknown) => v === undefined || v === null || ["string", "number", "boolean"].includes(typeof v);
    const out: ResourceChange["values"] = {};
    for (const k of changed) {
        if (scalar(olds[k]) && scalar(news[k]) && !(olds[k] === undefined && news[k] === undefined)) {
            out[k] = { before: isSecret(b.inputs[k]) ? "[secret]" : olds[k], after: isSecret(h.inputs[k]) ? "[secret]" : news[k] };
        }
    }
    return out;
}

/** True when the engine must delete the old resource before creating its replacement. */
function mustDeleteFirst(r: RecordedResource, olds: Record<string, unknown>, news: Record<string, unknown>, changed: string[]): boolean {
    if (r.deleteBeforeReplace) {
        return true;
    }
    const named = replacementRule(r.type, "name") !== undefined && typeof news.name === "string";
    return named && !changed.includes("name") && olds.name === news.name;
}

/** Orders resources so that each comes after what it depends on (property dependencies and `dependsOn`). */
function dependencyOrder(resources: RecordedResource[]): RecordedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const out: RecordedResource[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (r: RecordedResource) => {
        if (state.has(r.urn)) {
            return;
        }
        state.set(r.urn, "visiting");
        const deps = new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
        for (const urn of deps) {
            const dep = byUrn.get(urn);
            if (dep && dep !== r) {
                visit(dep);
            }
        }
        state.set(r.urn, "done");
        out.push(r);
    };
    resources.forEach(visit);
    return out;
}

/** The per-resource difference from `base` to `head`. */
export function diffResources(base: RecordedResource[], head: RecordedResource[]): ResourceDiff {
    const baseGraph = new ResourceGraph(base);
    const headGraph = new ResourceGraph(head);
    const byUrn = new Map<string, ResourceChange>();
    let unchanged = 0;
    for (const h of dependencyOrder(head)) {
        if (!isCloudResource(h)) {
            continue;
        }
        const b = baseGraph.byUrn.get(h.urn);
        const common = { urn: h.urn, type: h.type, name: h.name, component: headGraph.component(h)?.name };
        if (!b || !isCloudResource(b) || b.type !== h.type) {
            byUrn.set(h.urn, { ...common, kind: "create", changed: [], computedFrom: {}, forcing: [], values: {}, after: keySettings(h) });
            continue;
        }
        const olds = inputsOf(b);
        const news = inputsOf(h);
        const ignored = new Set(h.ignoreChanges ?? []);
        const changed = new Set(changedProperties(olds, news).filter((k) => !ignored.has(k)));
        const computedFrom: Record<string, string> = {};
        for (const [key, urns] of Object.entries(h.propertyDependencies)) {
            for (const urn of urns) {
                const dep = byUrn.get(urn);
                if (dep?.kind === "replace" && !keepsIdentityOnReplace(dep.type) && !ignored.has(key)) {
                    changed.add(key);
                    computedFrom[key] = dep.name;
                }
            }
        }
        if (changed.size === 0) {
            unchanged++;
            continue;
        }
        const list = [...changed].sort();
        const forcing = replacementReasons(h.type, olds, news, list);
        const change: ResourceChange = {
            ...common, kind: forcing.length > 0 ? "replace" : "update", changed: list, computedFrom, forcing, values: scalarValues(b, h, olds, news, list),
            before: keySettings(b), after: keySettings(h),
        };
        if (change.kind === "replace") {
            change.deleteBeforeReplace = mustDeleteFirst(h, olds, news, list);
        }
        byUrn.set(h.urn, change);
    }
    const headOrder = new Map(head.map((r, i) => [r.urn, i]));
    const changes = [...byUrn.values()].sort((x, y) => headOrder.get(x.urn)! - headOrder.get(y.urn)!);
    for (const b of base) {
        const h = headGraph.byUrn.get(b.urn);
        if (isCloudResource(b) && (!h || h.type !== b.type)) {
            changes.push({
                urn: b.urn, type: b.type, name: b.name, component: baseGraph.component(b)?.name, kind: "delete",
                changed: [], computedFrom: {}, forcing: [], values: {}, before: keySettings(b),
            });
        }
    }
    return { changes, unchanged };
}

/** Counts of each kind of change. */
export function summaryCounts(diff: ResourceDiff): Record<ChangeKind, number> & { unchanged: number } {
    const count = (k: ChangeKind) => diff.changes.filter((c) => c.kind === k).length;
    return { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), unchanged: diff.unchanged };
}
