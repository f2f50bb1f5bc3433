/**
 * The command line's shared parts: a subcommand's shape, a table-driven flag parser, and the exit codes. Each
 * subcommand (`plan.ts`, …) declares its flags as a table, so its usage text and its parser cannot drift apart.
 */

/**
 * Exit codes of every subcommand: 0 done; 1 done, with a finding that blocks a deploy; 2 cannot run; 3 a plan of a
 * change raised a risk flag and `--fail-on-risk` was given.
 */
export const EXIT = { ok: 0, mandatoryViolations: 1, cannotPlan: 2, usage: 2, riskFlagged: 3 } as const;

/** Where a command's report (out) and its progress and errors (err) go. */
export interface CliIO {
    out(text: string): void;
    err(text: string): void;
}

export const PROCESS_IO: CliIO = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) };

/** A subcommand of `ecs-fargate`: `ecs-fargate <name> [flags]`. */
export interface Subcommand {
    name: string;
    /** One line for `ecs-fargate --help`. */
    summary: string;
    /** Runs with the arguments after the subcommand's name; resolves to the exit code. */
    run(argv: string[], io: CliIO): Promise<number>;
}

/** A command line the command cannot accept (unknown flag, missing value, bad value): exit code 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** One flag of a subcommand. */
export interface Flag<T> {
    /** `--stack` */
    name: string;
    /** `-s` */
    short?: string;
    /** The value's placeholder (`<name>`) when the flag takes one; a flag without it is a switch. */
    value?: string;
    /** One line for the usage text; say the default. */
    help: string;
    /** Stores the flag in the parsed arguments (`value` is `"true"` for a switch). Throw `UsageError` on a bad value. */
    set(args: T, value: string): void;
}

/** The usage lines of a flag table, aligned. */
export function flagHelp<T>(flags: Flag<T>[]): string {
    const names = flags.map((f) => `${f.short ? `${f.short}, ` : "    "}${f.name}${f.value ? ` ${f.value}` : ""}`);
    const width = Math.max(...names.map((n) => n.length));
    return flags.map((f, i) => `  ${names[i].padEnd(width)}  ${f.help}`).join("\n");
}

/**
 * Parses `argv` against a flag table into `args` (which holds the defaults). Accepts `--flag value`,
 * `--flag=value` and the short form; throws `UsageError` on an unknown flag, a positional argument, a switch given a
 * value, or a flag without its value.
 */
export function parseFlags<T>(argv: string[], flags: Flag<T>[], args: T, usage: string): T {
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const eq = a.startsWith("--") ? a.indexOf("=") : -1;
        const [given, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
        const flag = flags.find((f) => f.name === given || f.short === given);
        if (!flag) {
            throw new UsageError(`unknown argument ${JSON.stringify(a)}.\n${usage}`);
        }
        if (!flag.value) {
            if (inline !== undefined) {
                throw new UsageError(`\`${flag.name}\` takes no value; got ${JSON.stringify(a)}.`);
            }
            flag.set(args, "true");
            continue;
        }
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith("-") && value.length > 1)) {
            throw new UsageError(`\`${flag.name}\` needs a value (${flag.value}).\n${usage}`);
        }
        flag.set(args, value);
    }
    return args;
}
