/**
 * Bad input from Python and Go through the real engine: the component plugin rejects it with the component's
 * named error, the CLI fails the up with it, and the stack holds nothing of that component.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { exportResources, LocalRunError, runLocal } from "../../engine/local";
import { REPO_ROOT, requireCli, scratch, stackVariant } from "./helpers";
import { PROJECT_DIRS } from "./polyglot.helpers";

describe("bad input from Python and Go through the real engine", function () {
    this.timeout(300_000);
    const dir = scratch("polyglot-bad");
    before(requireCli);

    for (const language of ["python", "go"] as const) {
        it(`fails the ${language} up with the component's named error, and the stack holds nothing of that component`, async () => {
            const stackFile = stackVariant(dir, "dev", (c) => {
                c["ecs-fargate-demo:registry"].build.context = path.join(REPO_ROOT, "app");
                c["ecs-fargate-demo:service"].cpu = 300;
            });
            const options = { projectDir: PROJECT_DIRS[language], stack: "dev", stateRoot: path.join(dir, language), stackFile };
            const err = await runLocal("up", options).then(() => undefined, (e) => e);
            assert.ok(err instanceof LocalRunError, `the up should fail: ${err}`);
            assert.strictEqual(err.exitCode, 1);
            assert.match(err.stdout + err.stderr, /Invalid arguments for WebService "web"/);
            assert.match(err.stdout + err.stderr, /`cpu` 300/);
            // The driver streamed the CLI's output; its error does not print it a second time.
            assert.strictEqual(err.stdout.match(/^Updating \(dev\):$/gm)?.length, 1, err.stdout);
            assert.doesNotMatch(err.stderr, /Updating \(dev\)|Resources:/, "the error does not repeat the progress");
            const left = (await exportResources(options)).filter((r) => r.urn.includes("ecs-fargate:index:WebService"));
            assert.deepStrictEqual(left, []);
            fs.rmSync(path.join(dir, language), { recursive: true, force: true });
        });
    }
});
