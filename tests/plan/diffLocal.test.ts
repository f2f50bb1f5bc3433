/**
 * `ecs-fargate plan --base local`: the base is the last `ecs-fargate local up` of the stack (the real Pulumi CLI
 * against the simulated cloud, state in the project's `.ecs-fargate/`), whose IDs and ARNs the local engine drew at
 * random. A temporary clone of this repository is deployed for real, then planned against its deployment.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../cli/plan";
import { runLocal } from "../../engine/local";
import type { PlanDiff } from "../../plan/diffPlan";
import { capture, cloneRepository } from "./clone";
import { requireCli } from "../engine/helpers";

describe("plan of a change against the local deployment (--base local)", function () {
    this.timeout(600_000);
    let tmp: string;
    let clone: string;
    let outDir: string;

    before(() => {
        requireCli();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-local-"));
        clone = path.join(tmp, "repo");
        outDir = path.join(tmp, "out");
        cloneRepository(clone);
    });

    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    function readDiff(): PlanDiff {
        return JSON.parse(fs.readFileSync(path.join(outDir, "plan-diff.json"), "utf8"));
    }

    async function planAgainstLocal(): Promise<{ code: number; err: string }> {
        const c = capture();
        const code = await runPlan(["--cwd", clone, "--stack", "dev", "--base", "local", "--out", outDir, "--quiet"], c.io);
        return { code, err: c.err.join("") };
    }

    it("without a local deployment of the stack: exit 2, saying to run `local up` first", async () => {
        const r = await planAgainstLocal();
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /`--base local`: stack dev of project ecs-fargate-demo has no local deployment \(no .*\.ecs-fargate\/state\/\.pulumi\/stacks\/ecs-fargate-demo\/dev\.json\)\. Run `npx ecs-fargate local up --stack dev` first/);
        assert.ok(!fs.existsSync(path.join(outDir, "plan-diff.json")));
    });

    it("right after `local up`: no changes, although every ID and ARN in the state is the local engine's", async () => {
        const up = await runLocal("up", { projectDir: clone, stack: "dev" });
        assert.deepStrictEqual(up.changes, { create: 38 });
        const r = await planAgainstLocal();
        assert.strictEqual(r.code, 0, r.err);
        const d = readDiff();
        assert.deepStrictEqual(d.changes, []);
        assert.deepStrictEqual(d.counts, { create: 0, update: 0, replace: 0, delete: 0, unchanged: 34 });
        assert.strictEqual(d.verdict, "no changes, +$0.00/month");
        assert.strictEqual(d.base.label, `local deployment (${path.relative(process.cwd(), path.join(clone, ".ecs-fargate"))})`);
        // The target group's name hashes its VPC's ID, which the engine drew at random: aligned, and said so.
        assert.deepStrictEqual(d.warnings.filter((w) => w.includes("hashes of other resources' physical IDs")).map((w) => w.split(":")[0]), ["web-tg.name"]);
        // The state really holds other identifiers than the offline plan: the comparison is not trivially equal.
        const plan = JSON.parse(fs.readFileSync(path.join(outDir, "plan.json"), "utf8")) as { state: Array<{ name: string; id?: string }> };
        const vpc = plan.state.find((x) => x.name === "main-vpc")!;
        const deployed = JSON.parse(fs.readFileSync(path.join(clone, ".ecs-fargate", "state", ".pulumi", "stacks", "ecs-fargate-demo", "dev.json"), "utf8"));
        const deployedVpc = (deployed.checkpoint.latest.resources as Array<{ urn: string; id?: string }>).find((x) => x.urn.endsWith("::main-vpc"))!;
        assert.match(String(deployedVpc.id), /^vpc-[0-9a-f]{17}$/);
        assert.notStrictEqual(deployedVpc.id, vpc.id);
    });

    it("after editing desiredCount 1 → 2 in Pulumi.dev.yaml: exactly that in-place update, +$10.86 a month", async () => {
        const file = path.join(clone, "Pulumi.dev.yaml");
        const text = fs.readFileSync(file, "utf8");
        assert.ok(text.includes("desiredCount: 1"));
        fs.writeFileSync(file, text.replace("desiredCount: 1", "desiredCount: 2"));
        const r = await planAgainstLocal();
        assert.strictEqual(r.code, 0, r.err);
        const d = readDiff();
        assert.deepStrictEqual(d.changes.map((x) => `${x.kind} ${x.name}: ${x.changed.join(",")}`), ["update web: desiredCount"]);
        assert.deepStrictEqual(d.changes[0].values, { desiredCount: { before: 1, after: 2 } });
        assert.deepStrictEqual(d.counts, { create: 0, update: 1, replace: 0, delete: 0, unchanged: 33 });
        assert.deepStrictEqual(d.risks, []);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 10.86);
        assert.strictEqual(d.verdict, "+$10.86/month, no replacements, rollout ≈ 2 min");
        fs.writeFileSync(file, text);
    });

    it("after an edit of the app's code: the new image shows through the task definition (content is not canonicalised)", async () => {
        fs.appendFileSync(path.join(clone, "app", "server.js"), "// a change in the app\n");
        const r = await planAgainstLocal();
        assert.strictEqual(r.code, 0, r.err);
        const d = readDiff();
        // As against git HEAD (tests/plan/diffCli.test.ts): the image's tag and digest are content, equal in the local
        // engine and the offline simulator for one build context, so only the edit changes them.
        assert.deepStrictEqual(d.changes.map((x) => `${x.kind} ${x.name}: ${x.changed.join(",")}`), [
            "update app-image: imageName", "replace web-task: containerDefinitions", "update web: taskDefinition",
        ]);
        assert.deepStrictEqual(d.changes[2].computedFrom, { taskDefinition: "web-task" });
        assert.deepStrictEqual([d.risks, d.cost.deltaMonthlyUsd], [[], 0]);
    });
});
