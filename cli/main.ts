#!/usr/bin/env node
/**
 * The `ecs-fargate` command: `ecs-fargate <subcommand> [flags]`, `--help`, `--version`. A subcommand is one file
 * in this folder exporting a `Subcommand`; listing it in `SUBCOMMANDS` is all it takes to add one.
 */
import * as fs from "fs";
import * as path from "path";
import { CliIO, EXIT, PROCESS_IO, Subcommand } from "./args";
import { planCommand } from "./plan";

/** Every subcommand, in the order `--help` lists them. */
export const SUBCOMMANDS: Subcommand[] = [planCommand];

/** The package's version, from its package.json (two levels up from dist/cli, one from cli/). */
export function packageVersion(): string {
    for (const dir of [path.join(__dirname, ".."), path.join(__dirname, "..", "..")]) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
            if (pkg.name === "ecs-fargate") {
                return pkg.version;
            }
        }
    }
    throw new Error(`no package.json of ecs-fargate above ${__dirname}`);
}

export function usage(): string {
    const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length));
    return `Usage: ecs-fargate <command> [flags]

Commands:
${SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

  ecs-fargate <command> --help   that command's flags
  ecs-fargate --version          the package's version`;
}

/** Runs the command line (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = PROCESS_IO): Promise<number> {
    const [first, ...rest] = argv;
    if (first === undefined) {
        io.err(`ecs-fargate: no command given.\n${usage()}\n`);
        return EXIT.usage;
    }
    if (first === "--help" || first === "-h" || first === "help") {
        io.out(`${usage()}\n`);
        return EXIT.ok;
    }
    if (first === "--version" || first === "-v") {
        io.out(`${packageVersion()}\n`);
        return EXIT.ok;
    }
    const command = SUBCOMMANDS.find((c) => c.name === first);
    if (!command) {
        io.err(`ecs-fargate: unknown command ${JSON.stringify(first)}; the commands are ${SUBCOMMANDS.map((c) => c.name).join(", ")}.\n${usage()}\n`);
        return EXIT.usage;
    }
    return command.run(rest, io);
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
