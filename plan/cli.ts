/**
 * `npm run plan [-- --stack prod]`: the offline plan of a stack. Progress goes to stderr, the report to stdout,
 * `plan.json` and `plan.md` to the output folder. Exit codes: 0 planned, 1 mandatory policy violations,
 * 2 the stack cannot be planned (missing stack file, bad config, program error, bad arguments).
 */
import * as fs from "fs";
import * as path from "path";
import { buildPlan } from "./plan";
import { renderMarkdown, renderText } from "./render";
import { PlanError } from "./stack";

export const EXIT = { ok: 0, mandatoryViolations: 1, cannotPlan: 2 } as const;

export interface CliArgs {
    stack: string;
    cwd: string;
    out: string;
    policyConfig?: string;
    quiet: boolean;
    help: boolean;
}

export const USAGE = `Usage: npm run plan [-- --stack <name>] [--cwd <project folder>] [--out <folder>] [--policy-config <file>] [--quiet]

Runs the stack's program against a simulated AWS (no credentials, no network) and reports what it creates,
the policy pack's verdict, the monthly cost and the deploy time. Writes plan.json and plan.md to --out.

  --stack          stack to plan (Pulumi.<stack>.yaml); defaults to dev
  --cwd            the Pulumi project folder; defaults to the current folder
  --out            output folder; defaults to plan-output
  --policy-config  policy config file; defaults to policy/config/<stack>.json
  --quiet          no report on stdout (files and exit code only)

Exit codes: 0 planned; 1 mandatory policy violations; 2 the stack cannot be planned.`;

/** Parses the command line; throws `PlanError` on anything it does not know. */
export function parseArgs(argv: string[]): CliArgs {
    const args: CliArgs = { stack: "dev", cwd: process.cwd(), out: "plan-output", quiet: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v.startsWith("--")) {
                throw new PlanError(`\`${flag}\` needs a value.\n${USAGE}`);
            }
            return v;
        };
        switch (flag) {
            case "--stack": case "-s": args.stack = value(); break;
            case "--cwd": args.cwd = path.resolve(value()); break;
            case "--out": case "-o": args.out = value(); break;
            case "--policy-config": args.policyConfig = path.resolve(value()); break;
            case "--quiet": case "-q": args.quiet = true; break;
            case "--help": case "-h": args.help = true; break;
            default: throw new PlanError(`unknown argument ${JSON.stringify(a)}.\n${USAGE}`);
        }
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) {
        throw new PlanError(`\`--stack\` ${JSON.stringify(args.stack)} is not a stack name; use letters, digits, \`-\`, \`_\` or \`.\`.`);
    }
    return args;
}

/** Where the report (out) and progress and errors (err) go. */
export interface CliIO {
    out(text: string): void;
    err(text: string): void;
}

const PROCESS_IO: CliIO = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) };

/** Runs the plan; returns the exit code. */
export async function main(argv: string[], io: CliIO = PROCESS_IO): Promise<number> {
    const started = Date.now();
    const progress = (m: string) => io.err(`plan: ${m}\n`);
    try {
        const args = parseArgs(argv);
        if (args.help) {
            io.out(`${USAGE}\n`);
            return EXIT.ok;
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
        if (e instanceof PlanError) {
            io.err(`plan: error: ${e.message}\n`);
        } else {
            io.err(`plan: unexpected error (a bug in the plan, please report it): ${e instanceof Error ? e.stack : String(e)}\n`);
        }
        return EXIT.cannotPlan;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
