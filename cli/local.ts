/**
 * `ecs-fargate local <preview|up|destroy|refresh>`: runs a project's program through the real Pulumi CLI (a
 * checkout's build/bin/pulumi, built by tools/pulumi-cli/build.sh, else `pulumi` on PATH; see `cliRoot`)
 * against the simulated cloud, with state in the project's
 * `.ecs-fargate/`. The output is Pulumi's own progress; the last line is `resources: <the engine's change counts>`.
 * The exit code is the CLI's.
 */
import * as path from "path";
import { LocalOperation, LocalRunError, runLocal } from "../engine/local";
import { cliRoot, POLICY_PACK } from "../engine/workspace";
import { CliIO, EXIT, Flag, flagHelp, parseFlags, Subcommand, UsageError } from "./args";

const OPERATIONS: readonly LocalOperation[] = ["preview", "up", "destroy", "refresh"];

/** What `ecs-fargate local` was asked to do. */
export interface LocalArgs {
    stack: string;
    cwd: string;
    policyPackConfig?: string;
    help: boolean;
}

export const LOCAL_FLAGS: Flag<LocalArgs>[] = [
    { name: "--stack", short: "-s", value: "<name>", help: "the stack, configured by Pulumi.<name>.yaml (default: dev)", set: (a, v) => (a.stack = v) },
    { name: "--cwd", value: "<dir>", help: "the project folder, holding Pulumi.yaml (default: the current folder)", set: (a, v) => (a.cwd = path.resolve(v)) },
    {
        name: "--policy-pack-config",
        value: "<file>",
        help: "run the policy pack (policy/) with this config (e.g. policy/config/dev.json); preview and up only",
        set: (a, v) => (a.policyPackConfig = path.resolve(v)),
    },
    { name: "--help", short: "-h", help: "this help", set: (a) => (a.help = true) },
];

export const LOCAL_USAGE = `Usage: ecs-fargate local <preview|up|destroy|refresh> [flags]

Deploys the project's program (TypeScript, or the Pulumi.yaml runtime: python, go) with the real Pulumi CLI
to the simulated cloud. State lives in <project>/.ecs-fargate/ (add it to .gitignore).

${flagHelp(LOCAL_FLAGS)}`;

export function parseLocalArgs(argv: string[]): { operation?: LocalOperation; args: LocalArgs } {
    const [first, ...rest] = argv;
    const defaults: LocalArgs = { stack: "dev", cwd: process.cwd(), help: false };
    if (first === undefined || first.startsWith("-")) {
        return { args: parseFlags(argv, LOCAL_FLAGS, defaults, LOCAL_USAGE) };
    }
    if (!OPERATIONS.includes(first as LocalOperation)) {
        throw new UsageError(`unknown operation ${JSON.stringify(first)}; use one of ${OPERATIONS.join(", ")}.\n${LOCAL_USAGE}`);
    }
    return { operation: first as LocalOperation, args: parseFlags(rest, LOCAL_FLAGS, defaults, LOCAL_USAGE) };
}

export const localCommand: Subcommand = {
    name: "local",
    summary: "preview, up, destroy or refresh a project with the real Pulumi CLI against the simulated cloud",
    async run(argv: string[], io: CliIO): Promise<number> {
        let parsed: ReturnType<typeof parseLocalArgs>;
        try {
            parsed = parseLocalArgs(argv);
        } catch (err) {
            if (err instanceof UsageError) {
                io.err(`ecs-fargate local: ${err.message}\n`);
                return EXIT.usage;
            }
            throw err;
        }
        const { operation, args } = parsed;
        if (args.help) {
            io.out(`${LOCAL_USAGE}\n`);
            return EXIT.ok;
        }
        if (!operation) {
            io.err(`ecs-fargate local: no operation given.\n${LOCAL_USAGE}\n`);
            return EXIT.usage;
        }
        try {
            cliRoot();
        } catch (err) {
            io.err(`ecs-fargate local: ${(err as Error).message}.\n`);
            return EXIT.usage;
        }
        const policy = args.policyPackConfig && (operation === "preview" || operation === "up")
            ? { policyPacks: [POLICY_PACK], policyPackConfigs: [args.policyPackConfig] }
            : {};
        try {
            const result = await runLocal(operation, { projectDir: args.cwd, stack: args.stack, onOutput: io.out, ...policy });
            io.out(`resources: ${JSON.stringify(result.changes)}\n`);
            return EXIT.ok;
        } catch (err) {
            if (err instanceof LocalRunError) {
                io.err(err.stderr);
                return err.exitCode;
            }
            throw err;
        }
    },
};
