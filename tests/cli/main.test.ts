import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EXIT } from "../../cli/args";
import { main, SUBCOMMANDS } from "../../cli/main";

const ROOT = path.resolve(__dirname, "..", "..");

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
    return { code, stdout, stderr };
}

describe("ecs-fargate command", () => {
    it("prints the package.json version for --version", async () => {
        const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
        assert.deepStrictEqual(await cli("--version"), { code: EXIT.ok, stdout: `${version}\n`, stderr: "" });
    });

    it("loads neither the Pulumi SDK nor the plan for --version, --help, `local --help` or the start of `local` (the built bin)", () => {
        // What a command loads from node_modules, printed by the built bin's process at exit.
        const loaded = (...argv: string[]): string[] => JSON.parse(execFileSync(process.execPath, ["-e", `
            const { main } = require(${JSON.stringify(path.join(ROOT, "dist", "cli", "main.js"))});
            main(${JSON.stringify(argv)}, { out: () => undefined, err: () => undefined }).then(() =>
                console.log(JSON.stringify([...new Set(Object.keys(require.cache).filter((f) => f.includes("node_modules"))
                    .map((f) => f.split("node_modules/").pop()).map((m) => m.split("/").slice(0, m.startsWith("@") ? 2 : 1).join("/")))])));`,
        ], { encoding: "utf8", cwd: ROOT }));
        for (const argv of [["--version"], ["--help"], ["local", "--help"], ["local", "deploy"], ["plan", "--help"]]) {
            assert.deepStrictEqual(loaded(...argv).filter((m) => m !== "js-yaml"), [], argv.join(" "));
        }
        // A plan loads them (the check above would pass on a bin that loads nothing at all).
        assert.ok(loaded("plan", "--stack", "no-such-stack", "--cwd", ROOT).includes("@pulumi/pulumi"));
    });

    it("lists every subcommand with its summary for --help", async () => {
        const r = await cli("--help");
        assert.strictEqual(r.code, EXIT.ok);
        assert.ok(r.stdout.startsWith("Usage: ecs-fargate <command> [flags]\n"), r.stdout);
        for (const c of SUBCOMMANDS) {
            assert.ok(r.stdout.includes(`  ${c.name}`) && r.stdout.includes(c.summary), `no ${c.name} in the help`);
        }
    });

    it("rejects an unknown subcommand with exit 2, naming it and the known ones", async () => {
        const r = await cli("deploy", "--stack", "dev");
        assert.strictEqual(r.code, EXIT.usage);
        assert.strictEqual(r.stdout, "");
        assert.ok(r.stderr.startsWith(`ecs-fargate: unknown command "deploy"; the commands are ${SUBCOMMANDS.map((c) => c.name).join(", ")}.\nUsage:`), r.stderr);
    });

    it("exits 2 with the usage when no subcommand is given", async () => {
        const r = await cli();
        assert.strictEqual(r.code, EXIT.usage);
        assert.ok(r.stderr.startsWith("ecs-fargate: no command given.\nUsage: ecs-fargate"), r.stderr);
    });

    it("passes the rest of the line to the subcommand: plan --help prints plan's flags", async () => {
        const r = await cli("plan", "--help");
        assert.strictEqual(r.code, EXIT.ok);
        assert.ok(r.stdout.startsWith("Usage: ecs-fargate plan [flags]"), r.stdout);
        assert.ok(r.stdout.includes("-s, --stack <name>"), r.stdout);
    });

    it("exits 2 on a bad plan flag, with plan's usage", async () => {
        const r = await cli("plan", "--stak", "prod");
        assert.strictEqual(r.code, EXIT.usage);
        assert.ok(r.stderr.startsWith('plan: error: unknown argument "--stak".\nUsage: ecs-fargate plan'), r.stderr);
    });
});
