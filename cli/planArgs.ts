/**
 * The command line of `ecs-fargate plan`: its arguments, the flag table (the usage text follows it) and the
 * parser. `plan.ts` runs a plan, `planDiff.ts` a plan of a change; both take these arguments.
 */
import * as path from "path";
import { Flag, flagHelp, parseFlags, UsageError } from "./args";

export interface PlanArgs {
    stack: string;
    cwd: string;
    out: string;
    policyConfig?: string;
    quiet: boolean;
    help: boolean;
    /** Plan of a change: the base is this git ref, or `local` (the last `ecs-fargate local` deployment). */
    base?: string;
    /** Plan of a change: the base is this earlier plan.json. */
    basePlan?: string;
    /** Exit 3 when the plan of a change raises a risk flag. */
    failOnRisk: boolean;
}

/** The flags of `plan`. Add one here (and its field in `PlanArgs`): the usage text follows. */
export const PLAN_FLAGS: Flag<PlanArgs>[] = [
    {
        name: "--stack", short: "-s", value: "<name>", help: "stack to plan (Pulumi.<name>.yaml); defaults to dev",
        set: (a, v) => {
            if (!/^[A-Za-z0-9_.-]+$/.test(v)) {
                throw new UsageError(`\`--stack\` ${JSON.stringify(v)} is not a stack name; use letters, digits, \`-\`, \`_\` or \`.\`.`);
            }
            a.stack = v;
        },
    },
    { name: "--cwd", value: "<folder>", help: "the Pulumi project folder (its Pulumi.yaml); defaults to the current folder", set: (a, v) => void (a.cwd = path.resolve(v)) },
    { name: "--out", short: "-o", value: "<folder>", help: "where plan.json and plan.md go; defaults to plan-output", set: (a, v) => void (a.out = v) },
    {
        name: "--policy-config", value: "<file>",
        help: "policy pack config (pulumi's --policy-pack-config format); defaults to policy/config/<stack>.json in the project folder if it exists, else the pack's defaults",
        set: (a, v) => void (a.policyConfig = path.resolve(v)),
    },
    { name: "--quiet", short: "-q", help: "no report on stdout (files and exit code only)", set: (a) => void (a.quiet = true) },
    {
        name: "--base", value: "<ref>",
        help: "plan the change from git ref <ref> (its project, stack and config files) to the working tree (or `local`: the last `ecs-fargate local up` of the stack, from <project>/.ecs-fargate/). Writes plan-diff.json and plan-diff.md too",
        set: (a, v) => void (a.base = v),
    },
    { name: "--base-plan", value: "<plan.json>", help: "plan the change from an earlier plan.json (written by `ecs-fargate plan`) to the working tree", set: (a, v) => void (a.basePlan = path.resolve(v)) },
    { name: "--fail-on-risk", help: "with --base or --base-plan: exit 3 when a risk flag is raised", set: (a) => void (a.failOnRisk = true) },
    { name: "--help", short: "-h", help: "this help", set: (a) => void (a.help = true) },
];

export const PLAN_USAGE = `Usage: ecs-fargate plan [flags]

Runs a stack's program (TypeScript or JavaScript, as \`pulumi up\` would) against a simulated AWS: no credentials, no
network. Reports what it creates, the policy pack's verdict, the monthly cost and the deploy time, and writes
plan.json and plan.md to --out. With --base <ref>, --base local (the last \`ecs-fargate local up\` of the stack) or
--base-plan <plan.json>, it also plans the change from that base to the working tree.

${flagHelp(PLAN_FLAGS)}

Exit codes: 0 planned; 1 mandatory policy violations; 2 the stack (or its base) cannot be planned;
3 a risk flag in the plan of a change, with --fail-on-risk.`;

/** Parses the command line of `plan`; throws `UsageError` on anything it does not know. */
export function parsePlanArgs(argv: string[]): PlanArgs {
    return parseFlags(argv, PLAN_FLAGS, { stack: "dev", cwd: process.cwd(), out: "plan-output", quiet: false, help: false, failOnRisk: false }, PLAN_USAGE);
}
