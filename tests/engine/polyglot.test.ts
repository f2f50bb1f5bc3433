/**
 * The demo from Python and Go through the real engine: the engine launches this package's component plugin
 * (engine/bin/pulumi-resource-ecs-fargate) for the generated SDKs' components and the simulated cloud's plugins
 * for their children. Each language's stack must record what the TypeScript demo records. Needs
 * tools/setup-polyglot.sh (the SDKs, build/venv, the Go driver).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { exportResources, LocalRunError, runLocal } from "../../engine/local";
import { REPO_ROOT, requireCli, scratch, stackVariant } from "./helpers";
import { comparable, deploy, Language, PROJECT_DIRS } from "./polyglot.helpers";

for (const stack of ["dev", "prod"]) {
    describe(`the ${stack} stack from TypeScript, Python and Go through the real engine`, function () {
        this.timeout(600_000);
        const dir = scratch(`polyglot-${stack}`);
        // One absolute build context for all three: the image's inputs then match exactly.
        let stackFile: string;
        const recorded: Partial<Record<Language, Record<string, unknown>>> = {};
        const changes: Partial<Record<Language, unknown>> = {};

        before(async () => {
            requireCli();
            stackFile = stackVariant(dir, stack, (c) => (c["ecs-fargate-demo:registry"].build.context = path.join(REPO_ROOT, "app")));
            for (const language of ["typescript", "python", "go"] as const) {
                const { result, resources } = await deploy(language, stack, path.join(dir, language), stackFile);
                recorded[language] = comparable(resources);
                changes[language] = result.changes;
            }
        });

        for (const language of ["python", "go"] as const) {
            it(`creates from ${language} as many resources as from TypeScript`, () => {
                assert.deepStrictEqual(changes[language], changes.typescript);
            });

            it(`records from ${language} the TypeScript demo's resources, inputs, outputs and dependency graph`, () => {
                assert.deepStrictEqual(recorded[language], recorded.typescript);
            });

            if (stack === "dev") {
                it(`changes nothing on a second up from ${language}`, async () => {
                    const again = await runLocal("up", { projectDir: PROJECT_DIRS[language], stack, stateRoot: path.join(dir, language), stackFile });
                    const total = Object.values(changes[language] as Record<string, number>).reduce((a, b) => a + b, 0);
                    assert.deepStrictEqual(again.changes, { same: total });
                });
            }
        }
    });
}

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
            const left = (await exportResources(options)).filter((r) => r.urn.includes("ecs-fargate:index:WebService"));
            assert.deepStrictEqual(left, []);
            fs.rmSync(path.join(dir, language), { recursive: true, force: true });
        });
    }
});
