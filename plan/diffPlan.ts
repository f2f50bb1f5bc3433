/**
 * The plan of a change, as data: two recorded stacks (a base and a head) compared resource by resource, with the
 * risk flags, the cost delta and the rollout estimate. `renderDiff.ts` prints it; `diffCli.ts` builds the two
 * stacks (a git ref, an earlier `plan.json`, or the local deployment) and writes `plan-diff.json` and `plan-diff.md`.
 */
import { RecordedResource } from "../sim/types";
import { ChangeKind, diffResources, ResourceChange, summaryCounts } from "./diff";
import { CostDelta, costDelta } from "./diffCost";
import { mermaid } from "./diagram";
import { duration, usd } from "./format";
import { assessRisks, RiskFlag } from "./risks";
import { estimateRollout, RolloutEstimate } from "./rollout";

/** Where one side of the comparison comes from. */
export interface DiffSide {
    /** e.g. `git HEAD (3ed9cbc)`, `plan-output/plan.json`, `working tree`. */
    label: string;
    project: string;
    stack: string;
}

export interface PlanDiff {
    /** One line: cost delta, replacements, rollout time. */
    verdict: string;
    base: DiffSide;
    head: DiffSide;
    counts: Record<ChangeKind, number> & { unchanged: number };
    changes: ResourceChange[];
    risks: RiskFlag[];
    cost: CostDelta;
    rollout: RolloutEstimate;
    /** The head stack's policy report counts (mandatory violations fail the plan as the plain plan does). */
    policy?: { mandatory: number; advisory: number };
    /** Mermaid source of the head stack, changed resources marked (deleted ones listed in a note). */
    diagram: string;
    warnings: string[];
    /** Where the replacement semantics come from. */
    replacementSource: string;
}

export const REPLACEMENT_SOURCE =
    "sim/replacements.ts: CloudFormation createOnlyProperties (cfn-lint 1.58.0), @aws-cdk/aws-service-spec causesReplacement, terraform-provider-aws ForceNew deciding";

/** Styles of the diagram's marks (GitHub renders Mermaid classDefs). */
export const MARK_STYLES: Record<Exclude<ChangeKind, "delete">, string> = {
    create: "fill:#d4f7d4,stroke:#2a7a2a,stroke-width:2px",
    update: "fill:#fff3c4,stroke:#a07800,stroke-width:2px",
    replace: "fill:#ffd6d6,stroke:#b00020,stroke-width:3px",
};

/** `+$33.30` / `-$1.00` / `+$0.00`. */
export function signedUsd(n: number): string {
    return n < 0 ? `-${usd(-n)}` : `+${usd(n)}`;
}

/** About how long, rounded up to the minute from one minute on. */
export function approx(seconds: number): string {
    return seconds < 60 ? duration(seconds) : `${Math.ceil(seconds / 60)} min`;
}

/** The one-line verdict: `+$33.30/month, replaces web-alb, rollout ≈ 4 min`. */
export function verdictLine(changes: ResourceChange[], cost: CostDelta, rollout: RolloutEstimate, risks: RiskFlag[]): string {
    if (changes.length === 0) {
        return `no changes, ${signedUsd(cost.deltaMonthlyUsd)}/month`;
    }
    const replaced = changes.filter((c) => c.kind === "replace").map((c) => c.name);
    const deleted = changes.filter((c) => c.kind === "delete").map((c) => c.name);
    const parts = [`${signedUsd(cost.deltaMonthlyUsd)}/month`];
    parts.push(replaced.length > 0 ? `replaces ${listWords(replaced)}` : "no replacements");
    if (deleted.length > 0) {
        parts.push(`deletes ${listWords(deleted)}`);
    }
    parts.push(`rollout ≈ ${approx(rollout.totalHighS)}`);
    if (risks.length > 0) {
        parts.push(`${risks.length} risk flag${risks.length === 1 ? "" : "s"}`);
    }
    return parts.join(", ");
}

function listWords(names: string[]): string {
    return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/** The diagram of the head stack with the changes marked. */
export function changeDiagram(head: RecordedResource[], changes: ResourceChange[]): string {
    const marks = Object.fromEntries(changes.filter((c) => c.kind !== "delete").map((c) => [c.urn, c.kind]));
    const source = mermaid(head, marks, MARK_STYLES);
    const deleted = changes.filter((c) => c.kind === "delete").map((c) => c.name);
    return deleted.length > 0 ? `${source}\n    deleted["deleted: ${deleted.join(", ").replace(/"/g, "#quot;")}"]\n    style deleted fill:#eeeeee,stroke:#777777,stroke-dasharray: 5 5` : source;
}

/** Compares two recorded stacks. */
export function planDiff(base: RecordedResource[], head: RecordedResource[], sides: { base: DiffSide; head: DiffSide }, policy?: PlanDiff["policy"]): PlanDiff {
    const diff = diffResources(base, head);
    const cost = costDelta(base, head);
    const rollout = estimateRollout(diff, base, head);
    const risks = assessRisks(diff, base, head);
    return {
        verdict: verdictLine(diff.changes, cost, rollout, risks),
        base: sides.base,
        head: sides.head,
        counts: summaryCounts(diff),
        changes: diff.changes,
        risks,
        cost,
        rollout,
        policy,
        diagram: changeDiagram(head, diff.changes),
        warnings: cost.warnings,
        replacementSource: REPLACEMENT_SOURCE,
    };
}
