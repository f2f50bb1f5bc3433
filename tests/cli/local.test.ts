/**
 * `ecs-fargate local`: the demo project (this repository's root) through the real CLI, in its own `.ecs-fargate/`
 * (git-ignored); the exit code is the CLI's. A successful run's output, ending with `resources: <change counts>`,
 * is checked where a user meets it: the installed package's bin, in tests/package.
 */
import * as assert from "assert";
import { main } from "../../cli/main";
import { policyConfig, REPO_ROOT, requireCli } from "../engine/helpers";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { code, out, err };
}

describe("ecs-fargate local", function () {
    this.timeout(300_000);
    before(requireCli);
    const prodPolicy = policyConfig("prod");

    it("exits with the CLI's code 1 when the pack finds a mandatory violation (dev under prod's config)", async () => {
        const r = await run(["local", "preview", "--stack", "dev", "--cwd", REPO_ROOT, "--policy-pack-config", prodPolicy]);
        assert.strictEqual(r.code, 1);
        assert.match(r.out, /ecs-service-no-public-ip/);
    });

    it("rejects an unknown operation with a usage error (exit 2)", async () => {
        const r = await run(["local", "deploy"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /unknown operation "deploy"; use one of preview, up, destroy, refresh/);
    });
});
