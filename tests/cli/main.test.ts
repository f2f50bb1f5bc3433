import * as assert from "assert";
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
