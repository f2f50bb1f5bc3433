/**
 * Runs a TypeScript project's program through the real Pulumi CLI as an Automation API inline program, in this
 * process of its own (engine/local.ts starts it): `typescript.ts <operation> <options as JSON>`. It prints
 * Pulumi's progress, one `ECS_FARGATE_EVENT <json>` line per engine event when asked, and last
 * `ECS_FARGATE_RESULT <json>`. A SIGINT (Ctrl-C, sent to its process group) reaches the CLI too, which cancels the
 * update and saves its checkpoint; the driver waits for it. On a failure it exits with the CLI's exit code.
 */
// First: the SDK then loads npm's installer only if the program ships a function's code (a TypeScript program
// brings the compiler anyway, through ts-node).
import "../lazySdkModules";
import { EVENT_PREFIX, LocalOperation, LocalRunError, LocalRunOptions, RESULT_PREFIX, runTypescriptHere } from "../local";

async function main(): Promise<number> {
    const [operation, json] = process.argv.slice(2);
    const { events, ...options } = JSON.parse(json) as LocalRunOptions & { events?: boolean };
    process.on("SIGINT", () => undefined); // the CLI got it too: let it finish cancelling
    try {
        const result = await runTypescriptHere(operation as LocalOperation, {
            ...options,
            onOutput: (text) => process.stdout.write(text),
            onEvent: events ? (e) => process.stdout.write(`\n${EVENT_PREFIX}${JSON.stringify(e)}\n`) : undefined,
        });
        process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify({ changes: result.changes, outputs: result.outputs })}\n`);
        return 0;
    } catch (err) {
        if (err instanceof LocalRunError) {
            process.stderr.write(err.stderr);
            return err.exitCode;
        }
        process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
        return 1;
    }
}

main().then((code) => process.exit(code));
