/**
 * `ecs-fargate plan --base HEAD` on this repository: a temporary clone of its last commit gets a real edit, and the
 * plan of the change compares the clone's HEAD (checked out in a git worktree) with its working tree.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../cli/plan";
import type { PlanDiff } from "../../plan/diffPlan";
import { capture, cloneRepository, REPO, resetClone } from "./clone";

describe("plan of a change against git HEAD, in a temporary clone", function () {
    this.timeout(180000);
    let tmp: string;
    let clone: string;
    let outDir: string;

    // One clone for the file (a clone took 2 s of CPU in the parallel suite), back to its last commit before each test.
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-clone-"));
        clone = path.join(tmp, "repo");
        outDir = path.join(tmp, "out");
        cloneRepository(clone);
    });

    beforeEach(() => {
        resetClone(clone);
        fs.rmSync(outDir, { recursive: true, force: true });
    });

    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    function edit(file: string, from: string | RegExp, to: string): void {
        const full = path.join(clone, file);
        const text = fs.readFileSync(full, "utf8");
        const edited = text.replace(from, to);
        assert.notStrictEqual(edited, text, `the edit of ${file} changed nothing`);
        fs.writeFileSync(full, edited);
    }

    function readDiff(): PlanDiff {
        return JSON.parse(fs.readFileSync(path.join(outDir, "plan-diff.json"), "utf8"));
    }

    it("a second task in the dev stack: one in-place update, +$10.86 a month, a scale-out of 41–93 s, exit 0", async () => {
        edit("Pulumi.dev.yaml", "desiredCount: 1", "desiredCount: 2");
        const c = capture();
        const code = await runPlan(["--cwd", clone, "--stack", "dev", "--base", "HEAD", "--out", outDir, "--quiet"], c.io);
        assert.strictEqual(code, 0, c.err.join(""));
        const d = readDiff();
        assert.deepStrictEqual(d.changes.map((x) => `${x.kind} ${x.name}: ${x.changed.join(",")}`), ["update web: desiredCount"]);
        assert.deepStrictEqual(d.risks, []);
        // One more ARM64 task of 0.25 vCPU + 0.5 GB with a public IPv4 address: (0.25 × 0.03238 + 0.5 × 0.00356 + 0.005) × 730.
        assert.strictEqual(d.cost.deltaMonthlyUsd, 10.86);
        assert.match(d.base.label, /^git HEAD \([0-9a-f]{7}\)$/);
        // The service waits for steady state: the API call (1–13 s), then the new task starts (30–60 s) and passes its
        // health check (10 s interval, 1–2 checks).
        assert.deepStrictEqual([d.rollout.totalLowS, d.rollout.totalHighS], [41, 93]);
        const md = fs.readFileSync(path.join(outDir, "plan-diff.md"), "utf8");
        assert.strictEqual(md.split("\n")[0], "**+$10.86/month, no replacements, rollout ≈ 2 min**");
        assert.ok(fs.existsSync(path.join(outDir, "plan.json")) && fs.existsSync(path.join(outDir, "plan.md")));
        assert.strictEqual(execFileSync("git", ["worktree", "list", "--porcelain"], { cwd: clone, encoding: "utf8" }).match(/^worktree /gm)?.length, 1, "the base's worktree is removed");
    });

    it("an edit of the app's code: a new image tag, a new task definition revision, one rolling round of the dev task", async () => {
        fs.appendFileSync(path.join(clone, "app", "server.js"), "// a change in the app\n");
        const c = capture();
        assert.strictEqual(await runPlan(["--cwd", clone, "--base", "HEAD", "--out", outDir, "--quiet", "--fail-on-risk"], c.io), 0, c.err.join(""));
        const d = readDiff();
        assert.deepStrictEqual(d.changes.map((x) => `${x.kind} ${x.name}: ${x.changed.join(",")}`), [
            "update app-image: imageName", "replace web-task: containerDefinitions", "update web: taskDefinition",
        ]);
        assert.deepStrictEqual([d.risks, d.cost.deltaMonthlyUsd], [[], 0]);
        const [s] = d.rollout.services;
        // dev: 1 task, 100/200 %, so one round: start 30–60 s, health 10 s × 1–2, drain 15 s, stop 0–30 s = 55–125 s,
        // inside pulumi up (waitForSteadyState), after the revision (1–13 s) and the service update (1–13 s); then the
        // old revision is deregistered (1–13 s).
        assert.deepStrictEqual([s.kind, s.rounds, s.tasksPerRound, s.lowS, s.highS], ["rolling", 1, 1, 55, 125]);
        assert.deepStrictEqual([d.rollout.totalLowS, d.rollout.totalHighS], [58, 164]);
    });

    it("a new repository name replaces the repository: a data flag, and exit 3 with --fail-on-risk", async () => {
        edit("Pulumi.dev.yaml", "repositoryName: devops-ecr", "repositoryName: devops-ecr-2");
        const c = capture();
        const code = await runPlan(["--cwd", clone, "--base", "HEAD", "--out", outDir, "--quiet", "--fail-on-risk"], c.io);
        assert.strictEqual(code, 3, c.err.join(""));
        const d = readDiff();
        const repo = d.changes.find((x) => x.type === "aws:ecr/repository:Repository")!;
        assert.deepStrictEqual([repo.kind, repo.forcing, repo.deleteBeforeReplace], ["replace", ["name"], true]);
        assert.ok(d.risks.some((r) => r.kind === "data-loss" && r.resource === repo.name), JSON.stringify(d.risks));
        assert.match(c.err.join(""), /risk flag\(s\) and --fail-on-risk is set: .*data-loss/);
    });

    it("an earlier plan.json as the base gives the same diff as the git ref", async () => {
        const first = capture();
        assert.strictEqual(await runPlan(["--cwd", clone, "--out", path.join(outDir, "base"), "--quiet"], first.io), 0, first.err.join(""));
        edit("Pulumi.dev.yaml", "desiredCount: 1", "desiredCount: 2");
        const c = capture();
        const code = await runPlan(["--cwd", clone, "--base-plan", path.join(outDir, "base", "plan.json"), "--out", outDir, "--quiet"], c.io);
        assert.strictEqual(code, 0, c.err.join(""));
        const d = readDiff();
        assert.deepStrictEqual(d.changes.map((x) => `${x.kind} ${x.name}: ${x.changed.join(",")}`), ["update web: desiredCount"]);
        assert.strictEqual(d.cost.deltaMonthlyUsd, 10.86);
    });

    it("a ref that is not a commit cannot be planned: exit 2 naming the flag and the ref", async () => {
        const c = capture();
        const code = await runPlan(["--cwd", clone, "--base", "no-such-branch", "--out", outDir, "--quiet"], c.io);
        assert.strictEqual(code, 2);
        assert.match(c.err.join(""), /`--base` "no-such-branch" is not a commit of the repository/);
    });

    it("reproduces the README's plan-diff.md for its dev-stack change (tasks into private subnets behind one NAT gateway)", async () => {
        const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
        const quoted = /````markdown\n([\s\S]*?)\n````/.exec(readme)?.[1];
        assert.ok(quoted, "the README quotes a plan-diff.md in a ````markdown block");
        edit("Pulumi.dev.yaml", "natGateways: None", "natGateways: Single");
        edit("Pulumi.dev.yaml", "tasksInPublicSubnets: true", "tasksInPublicSubnets: false");
        edit("Pulumi.dev.yaml", /^    assignPublicIp: true$/m, "    assignPublicIp: false");
        const c = capture();
        assert.strictEqual(await runPlan(["--cwd", clone, "--base", "HEAD", "--out", outDir, "--quiet"], c.io), 0, c.err.join(""));
        const commit = /git HEAD \([0-9a-f]{7}\)/;
        const produced = fs.readFileSync(path.join(outDir, "plan-diff.md"), "utf8").trimEnd().replace(commit, "git HEAD (<commit>)");
        assert.strictEqual(quoted.replace(commit, "git HEAD (<commit>)"), produced, `paste this into the README's \`\`\`\`markdown block:\n${produced}`);
    });
});

describe("plan of a change: exit codes without git", function () {
    this.timeout(120000);
    const FIXTURE = path.join(REPO, "tests", "plan", "fixtures", "mutable-tags");

    it("mandatory violations in the working tree exit 1, even when the change itself is empty", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-exit-"));
        try {
            const first = capture();
            assert.strictEqual(await runPlan(["--cwd", FIXTURE, "--out", path.join(out, "base"), "--quiet"], first.io), 1, first.err.join(""));
            const c = capture();
            const code = await runPlan(["--cwd", FIXTURE, "--base-plan", path.join(out, "base", "plan.json"), "--out", out, "--quiet", "--fail-on-risk"], c.io);
            assert.strictEqual(code, 1, c.err.join(""));
            const d = JSON.parse(fs.readFileSync(path.join(out, "plan-diff.json"), "utf8"));
            assert.deepStrictEqual([d.changes, d.verdict, d.policy.mandatory], [[], "no changes, +$0.00/month", 1]);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("a plan.json without the recorded state, --base local without a local deployment, and --fail-on-risk alone are refused with exit 2", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-exit-"));
        try {
            const old = path.join(out, "old-plan.json");
            fs.writeFileSync(old, JSON.stringify({ project: "p", stack: "dev", resources: [] }));
            const cases: Array<[string[], RegExp]> = [
                [["--base-plan", old], /has no `state` \(the recorded resources\)/],
                [["--base", "local"], /`--base local`: stack dev of project \S+ has no local deployment \(no .*\.ecs-fargate\/state\/\.pulumi\/stacks\/\S+\/dev\.json\)\. Run `npx ecs-fargate local up --stack dev` first/],
                [["--fail-on-risk"], /`--fail-on-risk` applies to a plan of a change/],
                [["--base", "HEAD", "--base-plan", old], /give one base/],
            ];
            for (const [flags, message] of cases) {
                const c = capture();
                assert.strictEqual(await runPlan(["--cwd", FIXTURE, "--out", out, "--quiet", ...flags], c.io), 2, flags.join(" "));
                assert.match(c.err.join(""), message);
            }
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});
