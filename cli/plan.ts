/**
 * `ecs-fargate plan [--stack S] [--cwd DIR] …`: the offline plan of a stack of the user's Pulumi project. Progress
 * goes to stderr, the report to stdout, `plan.json` and `plan.md` to the output folder. Exit codes: 0 planned,
 * 1 mandatory policy violations, 2 the stack cannot be planned (missing stack file, bad config, program error, bad
 * arguments).
 */
import * as fs from "fs";
import * as path from "path";
import { CliIO, EXIT, Subcommand, UsageError } from "./args";
import { PlanArgs, parsePlanArgs, PLAN_USAGE } from "./planArgs";

/** Runs the plan; resolves to the exit code. */
export async function runPlan(argv: string[], io: CliIO): Promise<number> {
    const started = Date.now();
    const progress = (m: string) => io.err(`plan: ${m}\n`);
    let args: PlanArgs;
    try {
        args = parsePlanArgs(argv);
    } catch (e) {
        if (e instanceof UsageError) {
            io.err(`plan: error: ${e.message}\n`);
            return EXIT.cannotPlan;
        }
        throw e;
    }
    if (args.help) {
        io.out(`${PLAN_USAGE}\n`);
        return EXIT.ok;
    }
    // The plan's modules (the Pulumi SDK, the simulated cloud, the policy pack: a second of CPU) load for a plan only,
    // so that `ecs-fargate --version`, `--help`, `plan --help` and `local` start without them.
    const [{ buildPlan }, { renderMarkdown, renderText }, { PlanError }, { runPlanDiff }] = await Promise.all([
        import("../plan/plan"), import("../plan/render"), import("../plan/stack"), import("./planDiff"),
    ]);
    try {
        if (args.base !== undefined || args.basePlan !== undefined) {
            return await runPlanDiff(args, io, progress);
        }
        if (args.failOnRisk) {
            throw new UsageError("`--fail-on-risk` applies to a plan of a change: give --base <ref> or --base-plan <plan.json> with it.");
        }
        const { plan } = await buildPlan({ projectDir: args.cwd, stack: args.stack, policyConfig: args.policyConfig, progress });
        const outDir = path.resolve(process.cwd(), args.out);
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(path.join(outDir, "plan.json"), `${JSON.stringify(plan, null, 2)}\n`);
        fs.writeFileSync(path.join(outDir, "plan.md"), renderMarkdown(plan));
        if (!args.quiet) {
            io.out(`${renderText(plan)}\n`);
        }
        progress(`wrote ${path.relative(process.cwd(), path.join(outDir, "plan.json"))} and plan.md in ${Date.now() - started} ms`);
        if (plan.policy.mandatory > 0) {
            io.err(`plan: stack ${plan.stack} has ${plan.policy.mandatory} mandatory policy violation(s); fix them before deploying.\n`);
            return EXIT.mandatoryViolations;
        }
        return EXIT.ok;
    } catch (e) {
        if (e instanceof PlanError || e instanceof UsageError) {
            io.err(`plan: error: ${e.message}\n`);
        } else {
            io.err(`plan: unexpected error (a bug in the plan, please report it): ${e instanceof Error ? e.stack : String(e)}\n`);
        }
        return EXIT.cannotPlan;
    }
}

export const planCommand: Subcommand = {
    name: "plan",
    summary: "plan a stack offline against a simulated AWS: resources, policy verdict, monthly cost, deploy time",
    run: runPlan,
};
