/**
 * The demo program (`index.ts`) run as the Node language host runs it — `@pulumi/pulumi/cmd/run` in its own
 * process, against the gRPC test engine — registers exactly what the same program registers in-process under the
 * mocks, for each stack's config, and previews the same resources with what AWS computes left unknown.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { ROOT_STACK_TYPE, TestEngine } from "../../harness/engine";
import { ProgramRun, runProgram } from "../../harness/programs";
import { RecordedResource, UNKNOWN } from "../../sim/types";
import { loadStack, runStack } from "../../plan/stack";
import { key, ROOT, shapes } from "./shapes";

describe("the demo program through the test engine", function () {
    this.timeout(120_000);
    let engine: TestEngine;
    const updates: Record<string, ProgramRun> = {};

    function run(stack: string, preview = false): Promise<ProgramRun> {
        const loaded = loadStack(ROOT, stack);
        return runProgram(engine, {
            language: "nodejs",
            command: [path.relative(ROOT, loaded.program)],
            cwd: ROOT,
            project: loaded.project,
            stack,
            config: loaded.config,
            configSecretKeys: loaded.secretKeys,
            preview,
        });
    }

    function assertSucceeded(program: ProgramRun): void {
        assert.equal(program.exitCode, 0, program.logs.map((l) => l.message).join("\n") + program.stderr);
        assert.deepEqual(program.deployment.errors, []);
    }

    before(async () => {
        engine = await TestEngine.start();
        updates.dev = await run("dev");
    });

    after(async () => {
        await engine?.stop();
    });

    for (const stack of ["dev", "prod"]) {
        it(`registers for the ${stack} stack exactly what it registers under the mocks`, async () => {
            updates[stack] ??= await run(stack);
            const program = updates[stack];
            assertSucceeded(program);
            assert.equal(program.deployment.rootUrn, `urn:pulumi:${stack}::ecs-fargate-demo::pulumi:pulumi:Stack::ecs-fargate-demo-${stack}`);

            const inProcess = await runStack(loadStack(ROOT, stack));
            assert.deepEqual(shapes(program.resources, { revealSecrets: true }), shapes(inProcess.resources, { revealSecrets: true }));
        });
    }

    it("previews the dev stack with every resource of the update, leaving what AWS computes unknown", async () => {
        const preview = await run("dev", true);
        assertSucceeded(preview);
        const names = (resources: RecordedResource[]) => resources.map(key).sort();
        assert.deepEqual(names(preview.resources), names(updates.dev.resources));
        const service = preview.deployment.get("aws:ecs/service:Service", "web");
        assert.equal(service.id, undefined);
        assert.equal(service.inputs.cluster, UNKNOWN);
        assert.equal(preview.deployment.get("aws:ecs/taskDefinition:TaskDefinition", "web-task").inputs.containerDefinitions, UNKNOWN);
        assert.equal(preview.deployment.get(ROOT_STACK_TYPE, "ecs-fargate-demo-dev").outputs.url, UNKNOWN);
    });
});
