/**
 * The local workspace's file backend as the real CLI lays it out: the drivers create a stack the backend has no
 * checkpoint of and select one it has (`stackExists`), so the guess must match where `pulumi stack init` writes.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { BUILT_CLI_ROOT, engineEnv, localPaths, prepareWorkspace, stackExists } from "../../engine/workspace";
import { REPO_ROOT, requireCli, scratch } from "./helpers";

describe("the local workspace's file backend", function () {
    this.timeout(60_000);
    before(requireCli);

    it("finds a stack's checkpoint where the real CLI writes it on `stack init`, and only that stack's", () => {
        const paths = localPaths(REPO_ROOT, scratch("workspace"));
        const project = prepareWorkspace(paths, REPO_ROOT, "dev");
        assert.strictEqual(stackExists(paths, project.name, "dev"), false, "no checkpoint before the stack exists");
        execFileSync(path.join(BUILT_CLI_ROOT, "bin", "pulumi"), ["stack", "init", "dev", "--non-interactive"], {
            cwd: paths.work,
            env: { ...process.env, ...engineEnv(paths, project.region, REPO_ROOT) },
            stdio: "pipe",
        });
        assert.deepStrictEqual(
            [stackExists(paths, project.name, "dev"), stackExists(paths, project.name, "prod"), stackExists(paths, "another-project", "dev")],
            [true, false, false],
        );
    });
});
