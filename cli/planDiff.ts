/**
 * `ecs-fargate plan --base <ref> | --base local | --base-plan <plan.json> [--fail-on-risk]`: the plan of a change. Plans the working
 * tree as `plan` does (plan.json, plan.md, the policy verdict), plans the base, and writes `plan-diff.json` and
 * `plan-diff.md` (a pull-request comment) beside them. Exit codes: 2 either side cannot be planned; 1 mandatory policy
 * violations in the working tree; 3 a risk flag with `--fail-on-risk`; else 0.
 */
import * as fs from "fs";
import * as path from "path";
import { baseFromGitRef, baseFromLocalState, baseFromPlanFile, DiffBase } from "../plan/diffBase";
import { alignDeployedState, canonicalReferences } from "../plan/canonical";
import { planDiff } from "../plan/diffPlan";
import { buildPlan, redactedState } from "../plan/plan";
import { renderMarkdown } from "../plan/render";
import { renderDiffMarkdown, renderDiffText } from "../plan/renderDiff";
import { CliIO, EXIT, UsageError } from "./args";
import type { PlanArgs } from "./planArgs";

async function loadBase(args: PlanArgs, progress: (m: string) => void): Promise<DiffBase> {
    if (args.base !== undefined && args.basePlan !== undefined) {
        throw new UsageError("give one base: `--base <ref>` or `--base-plan <plan.json>`, not both.");
    }
    if (args.basePlan !== undefined) {
        return baseFromPlanFile(args.basePlan);
    }
    return args.base === "local" ? baseFromLocalState(args.cwd, args.stack, undefined, progress) : baseFromGitRef(args.base!, args.cwd, args.stack, progress);
}

/** Runs the plan of a change; resolves to the exit code (errors are the caller's to report). */
export async function runPlanDiff(args: PlanArgs, io: CliIO, progress: (m: string) => void): Promise<number> {
    const started = Date.now();
    const base = await loadBase(args, progress);
    const { plan, resources } = await buildPlan({ projectDir: args.cwd, stack: args.stack, policyConfig: args.policyConfig, progress });
    let head = base.redacted ? redactedState(resources) : resources;
    if (base.canonical) {
        // Physical identifiers differ between the deployment and the offline run: compare references by URN.
        head = canonicalReferences(head);
        const aligned = alignDeployedState(canonicalReferences(base.resources), head);
        base.resources = aligned.resources;
        base.warnings.push(...aligned.notes);
    }
    if (base.side.stack && base.side.stack !== plan.stack) {
        base.warnings.push(`the base plan is of stack ${base.side.stack}, the working tree's of ${plan.stack}.`);
    }
    const diff = planDiff(base.resources, head, {
        base: { ...base.side, project: base.side.project || plan.project, stack: base.side.stack || plan.stack },
        head: { label: "working tree", project: plan.project, stack: plan.stack },
    }, { mandatory: plan.policy.mandatory, advisory: plan.policy.advisory });
    diff.warnings.unshift(...base.warnings, ...plan.warnings);
    const outDir = path.resolve(process.cwd(), args.out);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "plan.json"), `${JSON.stringify(plan, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, "plan.md"), renderMarkdown(plan));
    fs.writeFileSync(path.join(outDir, "plan-diff.json"), `${JSON.stringify(diff, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, "plan-diff.md"), renderDiffMarkdown(diff));
    if (!args.quiet) {
        io.out(`${renderDiffText(diff)}\n`);
    }
    progress(`wrote ${path.relative(process.cwd(), path.join(outDir, "plan-diff.json")) || "plan-diff.json"}, plan-diff.md, plan.json and plan.md in ${Date.now() - started} ms`);
    if (plan.policy.mandatory > 0) {
        io.err(`plan: stack ${plan.stack} has ${plan.policy.mandatory} mandatory policy violation(s); fix them before deploying.\n`);
        return EXIT.mandatoryViolations;
    }
    if (args.failOnRisk && diff.risks.length > 0) {
        io.err(`plan: the change raises ${diff.risks.length} risk flag(s) and --fail-on-risk is set: ${diff.risks.map((r) => `${r.kind} ${r.resource}`).join(", ")}.\n`);
        return EXIT.riskFlagged;
    }
    return EXIT.ok;
}
