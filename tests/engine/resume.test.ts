/**
 * An up interrupted halfway (the CLI gets SIGINT, as on Ctrl-C) leaves a checkpoint of what it created; the next
 * up creates the rest, without losing or duplicating a resource in the stack or in the simulated cloud.
 */
import * as assert from "assert";
import * as path from "path";
import { exportResources, runLocal } from "../../engine/local";
import { cloudOf, REPO_ROOT, requireCli, scratch, stackVariant } from "./helpers";

describe("an up interrupted halfway, through the real engine", function () {
    this.timeout(300_000);
    before(requireCli);

    it("resumes on the next up, creating each resource exactly once", async () => {
        const dir = scratch("resume");
        const stateRoot = path.join(dir, "state");
        const stackFile = stackVariant(dir, "dev", (c) => (c["ecs-fargate-demo:registry"].build.context = path.join(REPO_ROOT, "app")));
        const options = { projectDir: REPO_ROOT, stack: "dev", stateRoot, stackFile };
        const abort = new AbortController();
        let created = 0;
        const interrupted = await runLocal("up", {
            ...options,
            signal: abort.signal,
            onEvent: (e) => {
                if (e.resOutputsEvent?.metadata.op === "create" && ++created === 12) {
                    abort.abort();
                }
            },
        }).then(() => undefined, (e) => e);
        assert.ok(interrupted, "the interrupted up fails");
        const managed = <T extends { type: string }>(rs: T[]): T[] => rs.filter((r) => !r.type.startsWith("pulumi:providers:"));
        const kept = managed(await exportResources(options)).length;
        assert.ok(kept >= 12 && kept < 38, `the checkpoint keeps what was created before the interruption (${kept} of 38)`);

        const resumed = await runLocal("up", options);
        // Everything in the checkpoint is the same (recorded finished); everything else is created now.
        assert.deepStrictEqual(resumed.changes, { same: kept, create: 38 - kept });
        const resources = managed(await exportResources(options));
        assert.strictEqual(resources.length, 38);
        assert.strictEqual(new Set(resources.map((r) => r.urn)).size, 38, "no URN twice");
        // In the cloud: each custom resource was created exactly once (the simulated cloud counts creations per URN).
        const cloud = cloudOf(stateRoot);
        const creations = resources.filter((r) => r.custom).map((r) => cloud.generation(r.urn));
        assert.deepStrictEqual(creations, creations.map(() => 1));
        assert.deepStrictEqual(cloud.list("ecr-repository").map((o) => o.name), ["devops-ecr"]);
        assert.deepStrictEqual(cloud.list("ecs-cluster").map((o) => o.name), ["devops-cluster"]);
    });
});
