/**
 * Every policy against the compliant stack: nothing is reported, whether or not property dependencies were
 * recorded, and no value left unknown (as during a preview) makes a policy fail with anything but the
 * engine's "can't run during preview" signal.
 */
import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { baselineStack, find, FixtureResource, runResource, runStack, UNKNOWN, withoutDependencies } from "./fixtures";

/** Disabled-by-default rules that the baseline (a realistic stack) does not satisfy without a choice. */
const BASELINE_CONFIG: Record<string, object> = {
    "alb-not-internet-facing": { allowedInternetFacing: ["app-alb"] },
};
const BASELINE_ADJUSTMENTS: Record<string, (stack: FixtureResource[]) => void> = {
    "alb-target-group-encrypted": (stack) => {
        const tg = find(stack, "app-tg").props;
        tg.protocol = "HTTPS";
        tg.healthCheck.protocol = "HTTPS";
    },
};

function baselineFor(policyName: string): FixtureResource[] {
    const stack = baselineStack();
    BASELINE_ADJUSTMENTS[policyName]?.(stack);
    return stack;
}

/** Every path of one or two property names in an object, for replacing that value with an unknown. */
function paths(props: Record<string, any>): string[][] {
    const out: string[][] = [];
    for (const [k, v] of Object.entries(props)) {
        out.push([k]);
        if (typeof v === "object" && v !== null) {
            for (const k2 of Object.keys(v)) {
                out.push([k, k2]);
            }
        }
    }
    return out;
}

function withUnknown(props: Record<string, any>, path: string[]): Record<string, any> {
    const copy = JSON.parse(JSON.stringify(props));
    let target = copy;
    for (const key of path.slice(0, -1)) {
        target = target[key];
    }
    target[path[path.length - 1]] = UNKNOWN;
    return copy;
}

describe("every policy on the compliant stack", () => {
    for (const policy of policies) {
        const config = BASELINE_CONFIG[policy.name] ?? {};
        if ("validateResource" in policy) {
            const p = policy as ResourceValidationPolicy;
            it(`${policy.name} reports nothing on any baseline resource`, async () => {
                for (const r of baselineFor(policy.name)) {
                    const out = await runResource(p, r.type, r.props, config, r.name);
                    assert.deepStrictEqual(out.violations, [], `${r.name}: ${JSON.stringify(out.violations)}`);
                    assert.strictEqual(out.unknown, undefined, r.name);
                }
            });

            it(`${policy.name} reads unknown values only through the engine's preview signal`, async () => {
                let runs = 0;
                for (const r of baselineFor(policy.name)) {
                    for (const path of paths(r.props)) {
                        // runResource rethrows anything but "not applicable" and UnknownValueError.
                        await runResource(p, r.type, withUnknown(r.props, path), config, r.name);
                        runs++;
                    }
                }
                assert.ok(runs > 100, `ran ${runs} variants`);
            });
        } else {
            const p = policy as StackValidationPolicy;
            it(`${policy.name} reports nothing on the stack`, async () => {
                assert.deepStrictEqual(await runStack(p, baselineFor(policy.name), config), { violations: [] });
            });

            it(`${policy.name} reports nothing on the stack without property dependencies (partners matched by value)`, async () => {
                assert.deepStrictEqual(await runStack(p, withoutDependencies(baselineFor(policy.name)), config), { violations: [] });
            });

            it(`${policy.name} keeps working when any one value is unknown`, async () => {
                const stack = baselineFor(policy.name);
                for (let i = 0; i < stack.length; i++) {
                    for (const path of paths(stack[i].props)) {
                        const variant = stack.map((r, j) => (j === i ? { ...r, props: withUnknown(r.props, path) } : r));
                        const out = await runStack(p, variant, config);
                        assert.strictEqual(out.unknown, undefined, `${stack[i].name}.${path.join(".")} aborted the stack policy`);
                    }
                }
            });
        }
    }
});

describe("unknown values during preview", () => {
    const byName = new Map(policies.map((p) => [p.name, p as ResourceValidationPolicy]));
    const task = () => find(baselineStack(), "app-task");

    it("skips container checks with the engine's signal when containerDefinitions is unknown", async () => {
        const t = task();
        const out = await runResource(byName.get("ecs-taskdef-no-privileged-containers")!, t.type, { ...t.props, containerDefinitions: UNKNOWN });
        assert.deepStrictEqual(out.violations, []);
        assert.deepStrictEqual(out.unknown?.props, ["containerDefinitions"]);
    });

    it("does not pass an unknown imageTagMutability silently", async () => {
        const repo = find(baselineStack(), "app-repo");
        const out = await runResource(byName.get("ecr-repository-immutable-tags")!, repo.type, { ...repo.props, imageTagMutability: UNKNOWN });
        assert.deepStrictEqual(out.unknown?.props, ["imageTagMutability"]);
    });

    it("does not pass an unknown circuit breaker silently", async () => {
        const svc = find(baselineStack(), "app-service");
        const out = await runResource(byName.get("ecs-service-deployment-circuit-breaker")!, svc.type, { ...svc.props, deploymentCircuitBreaker: UNKNOWN });
        assert.deepStrictEqual(out.unknown?.props, ["deploymentCircuitBreaker"]);
    });
});
