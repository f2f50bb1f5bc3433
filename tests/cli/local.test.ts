/**
 * `ecs-fargate local`: the demo project (a temporary clone of this repository, so that the run's `.ecs-fargate/`
 * state is its own and none is left in this checkout) through the real CLI; the exit code is the CLI's. A successful
 * run's output, ending with `resources: <change counts>`, is checked where a user meets it: the installed package's
 * bin, in tests/package.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../cli/main";
import { policyConfig, requireCli, scratch } from "../engine/helpers";
import { cloneRepository } from "../plan/clone";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { code, out, err };
}

describe("ecs-fargate local", function () {
    this.timeout(300_000);
    const prodPolicy = policyConfig("prod");
    let project: string;
    before(() => {
        requireCli();
        project = path.join(scratch("local"), "repo");
        cloneRepository(project);
    });

    it("exits with the CLI's code 1 on dev's mandatory violations under prod's config (the pack's own levels), printing Pulumi's output once", async () => {
        const r = await run(["local", "preview", "--stack", "dev", "--cwd", project, "--policy-pack-config", prodPolicy]);
        assert.strictEqual(r.code, 1, r.err);
        // The CLI's policy report, one line per violation: `- [mandatory] [severity: high]  <policy>  (<type>: <name>)`.
        const mandatory = [...r.out.matchAll(/^\s+- \[mandatory\] \[severity: \w+\]\s+(\S+)\s+\((.+)\)$/gm)].map((m) => `${m[1]} on ${m[2]}`);
        assert.deepStrictEqual([...new Set(mandatory)].sort(), [
            "alb-listener-https-or-redirect on aws:lb:Listener: web-http",
            "ecs-service-no-public-ip on aws:ecs:Service: web",
        ]);
        assert.strictEqual(r.out.match(/^Previewing update \(dev\):$/gm)?.length, 1, "the progress is printed once");
        assert.doesNotMatch(r.err, /Previewing update|Policies:/, "the error does not repeat the progress");
        assert.ok(fs.existsSync(path.join(project, ".ecs-fargate", "state")), "the state is in the project's .ecs-fargate/");
    });

    it("rejects an unknown operation with a usage error (exit 2)", async () => {
        const r = await run(["local", "deploy"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /unknown operation "deploy"; use one of preview, up, destroy, refresh/);
    });
});
