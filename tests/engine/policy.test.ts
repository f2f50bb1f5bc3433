/**
 * The policy pack through the real engine: the CLI launches `engine/bin/ecs-fargate-policy-pack` as a binary
 * analyzer (`--policy-pack <executable>`), with the stack's `--policy-pack-config`, on the demo stacks. Dev failing
 * under the pack's own levels is asserted through the `ecs-fargate local` bin in tests/cli/local.test.ts, dev's
 * config lowering its trade-offs to advisories on the up of dev.test.ts, prod's up under the pack in
 * prod.test.ts.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { exportResources, LocalRunError, LocalRunOptions, runLocal } from "../../engine/local";
import { POLICY_PACK } from "../../engine/workspace";
import { policyConfig, REPO_ROOT, requireCli, resourceLabel, scratch } from "./helpers";


/**
 * `level policy on type::name` of each policy event. During a preview, @pulumi/policy answers a policy whose
 * properties are not known yet with a "can't run policy … during preview" event at the policy's level: those are
 * kept apart, in `unknown`.
 */
interface Seen { violations: string[]; unknown: string[] }

function withPolicy(stack: string, stateRoot: string, configFile?: string): { options: LocalRunOptions; seen: Seen } {
    const seen: Seen = { violations: [], unknown: [] };
    const onEvent = (e: EngineEvent) => {
        const p = e.policyEvent;
        if (p) {
            const line = `${p.enforcementLevel} ${p.policyName} on ${resourceLabel(p.resourceUrn)}`;
            (p.message.startsWith("can't run policy") ? seen.unknown : seen.violations).push(line);
        }
    };
    const options: LocalRunOptions = {
        projectDir: REPO_ROOT, stack, stateRoot, onEvent,
        policyPacks: [POLICY_PACK], policyPackConfigs: configFile ? [configFile] : undefined,
    };
    return { options, seen };
}

describe("the policy pack through the real engine", function () {
    this.timeout(180_000);
    const dir = scratch("policy");
    before(requireCli);

    it("passes a preview of prod with no violation of any level", async () => {
        const preview = withPolicy("prod", path.join(dir, "prod"), policyConfig("prod"));
        await runLocal("preview", preview.options);
        assert.deepStrictEqual(preview.seen.violations, []);
        // A preview of a new stack leaves some policies without values; the up of prod under the pack answers them all
        // (prod.test.ts).
        assert.ok(preview.seen.unknown.length > 0, "a preview of a new stack leaves some policies without values");
    });
});

describe("a stack policy through the real engine sees the resources' outputs", function () {
    this.timeout(180_000);
    const dir = scratch("policy-outputs");
    const projectDir = path.join(REPO_ROOT, "tests", "engine", "fixtures", "stack-outputs");
    // Every rule off but the one under test, made mandatory so that a violation fails the up.
    const onlyLogGroupRule = path.join(dir, "policy-config.json");
    const stateRoot = path.join(dir, "state");
    let logGroupName: string;

    function run(writesTo?: string) {
        const stackFile = path.join(dir, `Pulumi.test.${Math.random().toString(16).slice(2, 8)}.yaml`);
        fs.writeFileSync(stackFile, `config:\n  aws:region: us-east-1\n${writesTo ? `  ecs-fargate-stack-outputs:writesTo: "${writesTo}"\n` : ""}`);
        const seen: string[] = [];
        const options: LocalRunOptions = {
            projectDir, stack: "test", stateRoot, stackFile, policyPacks: [POLICY_PACK], policyPackConfigs: [onlyLogGroupRule],
            onEvent: (e) => e.policyEvent && seen.push(`${e.policyEvent.enforcementLevel} ${e.policyEvent.policyName}: ${e.policyEvent.message}`),
        };
        return { up: () => runLocal("up", options), seen };
    }

    before(() => {
        requireCli();
        fs.writeFileSync(onlyLogGroupRule, JSON.stringify({ all: "disabled", "ecs-taskdef-log-group-managed": "mandatory" }));
    });

    it("fails the up of a task definition writing to a log group the stack does not manage, with the CLI's exit code, after making the change", async () => {
        const first = run("/ecs/someone-elses");
        const err = await first.up().then(() => undefined, (e) => e);
        assert.ok(err instanceof LocalRunError, `the up should fail: ${err}`);
        assert.strictEqual(err.exitCode, 1);
        assert.deepStrictEqual(first.seen, [
            'mandatory ecs-taskdef-log-group-managed: Checks that each awslogs container writes to a CloudWatch log group managed in the stack (so retention and encryption rules apply), not one created implicitly.\ncontainer "app" writes to log group "/ecs/someone-elses", which the stack does not manage; create it with `aws.cloudwatch.LogGroup`.\n',
        ]);
        // The engine runs the stack policies (AnalyzeStack) after the update's steps: the failed up has already
        // created the log group and the task definition. Preview first (or plan) to stop a change before it is made.
        const state = await exportResources({ projectDir, stack: "test", stateRoot, stackFile: path.join(dir, "none.yaml") });
        const task = state.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
        assert.match(String(task?.inputs?.containerDefinitions), /"awslogs-group":"\/ecs\/someone-elses"/);
        // The log group's name, which only AWS knew before the up (namePrefix).
        logGroupName = String(state.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")?.outputs?.name);
        assert.match(logGroupName, /^\/ecs\/app-[0-9a-z]+$/);
    });

    it("passes a task definition given that name as a literal: the policy matched it to the log group's name output", async () => {
        const second = run(logGroupName);
        const r = await second.up();
        assert.deepStrictEqual(r.changes, { same: 2, replace: 1 });
        assert.strictEqual(r.outputs.logGroupName, logGroupName);
        assert.deepStrictEqual(second.seen, []);
    });
});
