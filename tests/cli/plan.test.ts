import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT } from "../../cli/args";
import { main } from "../../cli/main";
import { parsePlanArgs as parseArgs } from "../../cli/planArgs";
import { monthly } from "../../plan/cost";
import { Plan } from "../../plan/plan";
import { PRICES } from "../../plan/prices";
import { TIMINGS } from "../../plan/timings";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "plan", "fixtures");

interface Run {
    code: number;
    stdout: string;
    stderr: string;
    plan?: Plan;
    markdown?: string;
}

/** Runs the CLI in this process, with its output captured and its files in a fresh folder. */
async function plan(...args: string[]): Promise<Run> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));
    let stdout = "";
    let stderr = "";
    const code = await main(["plan", ...args, "--out", out], { out: (s) => (stdout += s), err: (s) => (stderr += s) });
    const read = (f: string) => (fs.existsSync(path.join(out, f)) ? fs.readFileSync(path.join(out, f), "utf8") : undefined);
    const json = read("plan.json");
    const run = { code, stdout, stderr, plan: json ? (JSON.parse(json) as Plan) : undefined, markdown: read("plan.md") };
    fs.rmSync(out, { recursive: true, force: true });
    return run;
}

/** Runs the compiled CLI as a separate process, as `npm run plan` (and a user's `npx ecs-fargate plan`) does. */
function planProcess(...args: string[]): { status: number | null; stderr: string } {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
    const r = spawnSync(process.execPath, [path.join(ROOT, "dist", "cli", "main.js"), "plan", ...args, "--quiet", "--out", out], { cwd: ROOT, encoding: "utf8" });
    fs.rmSync(out, { recursive: true, force: true });
    return { status: r.status, stderr: r.stderr };
}

function typeCounts(p: Plan): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of p.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

describe("plan cli: arguments", () => {
    it("defaults to the dev stack, the current folder and plan-output", () => {
        const a = parseArgs([]);
        assert.deepStrictEqual([a.stack, a.cwd, a.out, a.quiet], ["dev", process.cwd(), "plan-output", false]);
    });

    it("reads --stack prod and --stack=prod alike", () => {
        assert.strictEqual(parseArgs(["--stack", "prod"]).stack, "prod");
        assert.strictEqual(parseArgs(["--stack=prod"]).stack, "prod");
    });

    it("rejects an unknown argument with the usage", () => {
        assert.throws(() => parseArgs(["--stak", "prod"]), (e: Error) => e.message.startsWith('unknown argument "--stak".\nUsage: ecs-fargate plan'));
    });

    it("rejects a flag without its value", () => {
        assert.throws(() => parseArgs(["--stack"]), (e: Error) => e.message.startsWith("`--stack` needs a value (<name>)."));
    });
});

describe("plan cli: the dev stack", () => {
    let run: Run;
    before(async () => {
        run = await plan("--cwd", ROOT);
    });

    it("exits 0 with no mandatory violation and the advisories of the pack", () => {
        assert.strictEqual(run.code, EXIT.ok, run.stderr);
        assert.strictEqual(run.plan!.policy.mandatory, 0);
        assert.ok(run.plan!.policy.violations.some((v) => v.policy === "ecs-service-no-public-ip" && v.level === "advisory" && v.resource === "web"));
        assert.ok(run.plan!.policy.violations.some((v) => v.policy === "alb-listener-https-or-redirect" && v.level === "advisory"));
    });

    it("creates the classic lab: one repository, cluster, VPC without NAT, ALB, listener, task definition and service", () => {
        const counts = typeCounts(run.plan!);
        assert.deepStrictEqual(
            [counts["aws:ecr/repository:Repository"], counts["aws:ecs/cluster:Cluster"], counts["aws:ec2/vpc:Vpc"], counts["aws:ec2/natGateway:NatGateway"], counts["aws:ec2/eip:Eip"],
                counts["aws:lb/loadBalancer:LoadBalancer"], counts["aws:lb/listener:Listener"], counts["aws:ecs/taskDefinition:TaskDefinition"], counts["aws:ecs/service:Service"]],
            [1, 1, 1, undefined, undefined, 1, 1, 1, 1],
        );
        const settings = Object.fromEntries(run.plan!.resources.map((r) => [`${r.type} ${r.name}`, r.settings]));
        assert.strictEqual(settings["aws:ecr/repository:Repository app"].name, "devops-ecr");
        assert.strictEqual(settings["aws:ecs/cluster:Cluster main"].name, "devops-cluster");
        assert.strictEqual(settings["aws:ecs/taskDefinition:TaskDefinition web-task"].family, "devops-taskdefinition");
        assert.strictEqual(settings["aws:ecs/service:Service web"].name, "devops-service");
    });

    it("costs $34.59 a month: ALB, its two addresses, one ARM64 0.25 vCPU / 0.5 GB task and its address", () => {
        const expected = monthly(PRICES.albHour.usd) + monthly(2 * PRICES.publicIpv4Hour.usd)
            + monthly(0.25 * PRICES.fargateArmVcpuHour.usd + 0.5 * PRICES.fargateArmGbHour.usd) + monthly(PRICES.publicIpv4Hour.usd);
        assert.strictEqual(Number(expected.toFixed(2)), 34.59); // 16.43 + 7.30 + 7.21 + 3.65
        assert.strictEqual(run.plan!.cost.totalMonthlyUsd, 34.59);
        assert.deepStrictEqual(run.plan!.cost.lines.map((l) => l.monthlyUsd), [16.43, 7.3, 7.21, 3.65]);
    });

    it("estimates a fresh deploy of 3 min to 5 min 32 s through VPC, public routing, ALB, listener and service", () => {
        const f = run.plan!.deployTime.fresh;
        // the ALB waits for its subnets to route to the internet (route table, then its association: the subnet IDs
        // resolve only then); the service waits for one task: API + task start + 1 or 2 checks 10 s apart
        const low = 3 * TIMINGS.controlPlane.lowS + TIMINGS.alb.lowS + TIMINGS.controlPlane.lowS + (TIMINGS.assumedControlPlane.lowS + TIMINGS.taskStart.lowS + 10);
        const high = 3 * TIMINGS.controlPlane.highS + TIMINGS.alb.highS + TIMINGS.controlPlane.highS + (TIMINGS.assumedControlPlane.highS + TIMINGS.taskStart.highS + 20);
        assert.deepStrictEqual([f.lowS, f.highS], [low, high]);
        assert.deepStrictEqual([low, high], [180, 332]);
        assert.deepStrictEqual(f.criticalPathHigh.map((s) => s.name), ["main-vpc", "main-public-rt", "main-public-1-rta", "web-alb", "web-http", "web"]);
    });

    it("rolls out a new image in 55 s to 2 min 5 s with its 10 s checks and 15 s drain", () => {
        const [u] = run.plan!.deployTime.rollingUpdates;
        // 30–60 s start + 1–2 checks of 10 s + 15 s drain + 0–30 s stop (the default stopTimeout)
        assert.deepStrictEqual([u.rolloutLowS, u.rolloutHighS, u.pulumiUpLowS, u.pulumiUpHighS], [55, 125, 57, 151]);
    });

    it("prints the tree, the policy, the cost and the deploy time, and writes plan.md with a Mermaid diagram", () => {
        for (const heading of ["Resources: 38", "Policy: 0 mandatory", "Monthly cost: $34.59", "Fresh pulumi up: 3 min – 5 min 32 s", "Rolling update of each service"]) {
            assert.ok(run.stdout.includes(heading), `no "${heading}" in the report`);
        }
        assert.ok(run.stdout.includes("└─ ecs-fargate:index:WebService"));
        assert.ok(run.markdown!.includes("```mermaid\nflowchart LR\n    internet((Internet))"));
        assert.ok(run.markdown!.includes("| **total** |  |  | **$34.59** |"));
    });
});

describe("plan cli: the prod stack", () => {
    let run: Run;
    before(async () => {
        run = await plan("--cwd", ROOT, "--stack", "prod");
    });

    it("exits 0 with no mandatory violation", () => {
        assert.strictEqual(run.code, EXIT.ok, run.stderr);
        assert.strictEqual(run.plan!.policy.mandatory, 0);
    });

    it("creates three NAT gateways with their addresses, HTTPS and autoscaling", () => {
        const counts = typeCounts(run.plan!);
        assert.deepStrictEqual(
            [counts["aws:ec2/natGateway:NatGateway"], counts["aws:ec2/eip:Eip"], counts["aws:lb/listener:Listener"], counts["aws:appautoscaling/target:Target"]],
            [3, 3, 2, 1],
        );
    });

    it("costs $165.72 a month, and $28.84–$86.51 for its 2–6 tasks", () => {
        const task = 0.5 * PRICES.fargateArmVcpuHour.usd + 1 * PRICES.fargateArmGbHour.usd; // 0.01975
        const expected = 3 * (monthly(PRICES.natHour.usd) + monthly(PRICES.publicIpv4Hour.usd)) + monthly(PRICES.albHour.usd) + monthly(3 * PRICES.publicIpv4Hour.usd) + monthly(2 * task);
        assert.strictEqual(Number(expected.toFixed(2)), 165.72); // 3 × (32.85 + 3.65) + 16.43 + 10.95 + 28.84
        assert.strictEqual(run.plan!.cost.totalMonthlyUsd, 165.72);
        const [svc] = run.plan!.cost.services;
        assert.deepStrictEqual(svc.autoscaling, { minCapacity: 2, maxCapacity: 6, monthlyUsdAtMin: 28.84, monthlyUsdAtMax: 86.51 });
    });

    it("estimates a fresh deploy of 3 min 2 s to 5 min 58 s, ending with the autoscaling schedule", () => {
        const f = run.plan!.deployTime.fresh;
        // dev's path (180–332 s), then the scaling target and a scheduled action (1–13 s each); the NAT gateways and
        // private routes the service now waits for (13 + 13 + 125 + 13 = 164 s at most) finish long before the ALB
        assert.deepStrictEqual([f.lowS, f.highS], [182, 358]);
        assert.deepStrictEqual(f.criticalPathHigh.slice(-3).map((s) => s.name), ["web", "web-scaling", "web-schedule-business-hours"]);
    });

    it("replaces both tasks in one round", () => {
        const [u] = run.plan!.deployTime.rollingUpdates;
        assert.deepStrictEqual([u.desiredCount, u.batches, u.batchSize, u.rolloutLowS, u.rolloutHighS], [2, 1, 2, 55, 125]);
    });
});

describe("plan cli: failures", () => {
    it("exits 1 on a stack with a mandatory violation (mutable image tags), as a process", () => {
        const r = planProcess("--cwd", path.join(FIXTURES, "mutable-tags"));
        assert.strictEqual(r.status, EXIT.mandatoryViolations, r.stderr);
        assert.ok(r.stderr.includes("plan: stack dev has 1 mandatory policy violation(s); fix them before deploying."), r.stderr);
    });

    it("names the mandatory policy and the resource", async () => {
        const run = await plan("--cwd", path.join(FIXTURES, "mutable-tags"));
        const mandatory = run.plan!.policy.violations.filter((v) => v.level === "mandatory");
        assert.deepStrictEqual(mandatory.map((v) => [v.policy, v.resource]), [["ecr-repository-immutable-tags", "repo"]]);
    });

    it("exits 2 on a missing stack file, as a process, saying which stacks exist", () => {
        const r = planProcess("--stack", "staging");
        assert.strictEqual(r.status, EXIT.cannotPlan);
        assert.ok(r.stderr.includes(`plan: error: stack "staging": no Pulumi.staging.yaml in ${ROOT}. Stacks with a file here: dev, prod;`), r.stderr);
    });

    it("exits 2 on a config value of the wrong type, with its message", async () => {
        const run = await plan("--cwd", path.join(FIXTURES, "mutable-tags"), "--stack", "badtype");
        assert.strictEqual(run.code, EXIT.cannotPlan);
        assert.ok(run.stderr.includes('plan: error: stack "badtype": Pulumi.badtype.yaml sets `mutable-tags:retentionDays` to "two weeks"'), run.stderr);
        assert.strictEqual(run.plan, undefined);
    });

    it("exits 2 when the program rejects a config value, with the component's message", async () => {
        const run = await plan("--cwd", path.join(FIXTURES, "broken"), "--stack", "badcpu", "--policy-config", path.join(ROOT, "policy", "config", "dev.json"));
        assert.strictEqual(run.code, EXIT.cannotPlan);
        assert.ok(run.stderr.includes("`cpu` 300 is not a Fargate CPU size"), run.stderr);
    });

    it("exits 2 on a named policy config that does not exist, before running its program", async () => {
        const missing = path.join(FIXTURES, "synthetic", "policy.json");
        const run = await plan("--cwd", path.join(FIXTURES, "synthetic"), "--stack", "n1", "--policy-config", missing);
        assert.strictEqual(run.code, EXIT.cannotPlan);
        assert.ok(run.stderr.includes(`plan: error: stack "n1": no policy config ${missing};`), run.stderr);
        assert.ok(!run.stderr.includes("against the simulated AWS"), run.stderr);
    });

    it("runs the pack with its own defaults when the project keeps no policy config and none is named", async () => {
        const run = await plan("--cwd", path.join(FIXTURES, "mutable-tags"));
        assert.strictEqual(run.plan!.policy.configFile, undefined);
        assert.ok(run.stdout.includes("config the pack's defaults)"), run.stdout);
    });
});

describe("plan cli: a stack of several services", () => {
    it("prices and times each of two web services on one cluster", async () => {
        const run = await plan("--cwd", path.join(FIXTURES, "synthetic"), "--stack", "n2", "--policy-config", path.join(ROOT, "policy", "config", "dev.json"));
        assert.strictEqual(run.code, EXIT.ok, run.stderr);
        // per service: ALB 16.43 + two ALB addresses 7.30 + one ARM64 0.25 vCPU / 0.5 GB task 7.21 + its address 3.65
        assert.strictEqual(run.plan!.cost.totalMonthlyUsd, 2 * 34.59);
        assert.deepStrictEqual(run.plan!.deployTime.rollingUpdates.map((u) => u.name), ["web-1", "web-2"]);
    });
});
