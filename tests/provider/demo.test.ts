/**
 * The demo program (`index.ts`) run as the Node language host runs it — `@pulumi/pulumi/cmd/run` in its own
 * process, against the gRPC test engine — registers exactly what the same program registers in-process under the
 * mocks, for each stack's config.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { TestEngine } from "../../harness/engine";
import { runProgram } from "../../harness/programs";
import { loadStack, runStack } from "../../plan/stack";
import { ROOT, shapes } from "./shapes";

describe("the demo program through the test engine", function () {
    this.timeout(120_000);
    let engine: TestEngine;

    before(async () => {
        engine = await TestEngine.start();
    });

    after(async () => {
        await engine?.stop();
    });

    for (const stack of ["dev", "prod"]) {
        it(`registers for the ${stack} stack exactly what it registers under the mocks`, async () => {
            const loaded = loadStack(ROOT, stack);
            const run = await runProgram(engine, {
                language: "nodejs",
                command: [path.relative(ROOT, loaded.program)],
                cwd: ROOT,
                project: loaded.project,
                stack,
                config: loaded.config,
                configSecretKeys: loaded.secretKeys,
            });
            assert.equal(run.exitCode, 0, run.logs.map((l) => l.message).join("\n") + run.stderr);
            assert.deepEqual(run.deployment.errors, []);
            assert.equal(run.deployment.rootUrn, `urn:pulumi:${stack}::${loaded.project}::pulumi:pulumi:Stack::${loaded.project}-${stack}`);

            const inProcess = await runStack(loaded);
            assert.deepEqual(shapes(run.resources, { revealSecrets: true }), shapes(inProcess.resources, { revealSecrets: true }));
        });
    }
});
