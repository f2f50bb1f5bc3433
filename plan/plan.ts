/**
 * The offline plan of one stack, as data: what the program creates (with key settings), the policy report, the
 * cost and deploy-time estimates, and the tables they come from. `cli.ts` prints and writes it.
 */
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../sim/types";
import { CostReport, estimateCost } from "./cost";
import { DeployTimeReport, estimateDeployTime } from "./deployTime";
import { mermaid } from "./diagram";
import { checkPolicyConfig, PolicyReport, runPolicies } from "./policy";
import { HOURS_PER_MONTH, PRICE_SOURCE, PRICES, SPOT_PRICE_FACTOR } from "./prices";
import { keySettings } from "./settings";
import { loadStack, runStack } from "./stack";
import { AWS_DEFAULTS, TIMING_SOURCE, TIMINGS } from "./timings";
import { redact, ResourceGraph } from "./values";

/** One resource as the plan shows it. */
export interface ResourceSummary {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** Nearest component ancestor's name. */
    component?: string;
    custom: boolean;
    settings: Record<string, unknown>;
}

export interface Plan {
    project: string;
    stack: string;
    stackFile: string;
    program: string;
    region: string;
    warnings: string[];
    outputs: Record<string, unknown>;
    resources: ResourceSummary[];
    policy: PolicyReport;
    cost: CostReport;
    deployTime: DeployTimeReport;
    /** Mermaid flowchart source of the architecture. */
    diagram: string;
    /**
     * Every recorded resource (inputs, outputs, dependencies), secrets shown as `[secret]`: what a later plan of a
     * change needs to use this plan as its base (`--base-plan plan.json`).
     */
    state: RecordedResource[];
    tables: {
        priceSource: string;
        hoursPerMonth: number;
        prices: typeof PRICES;
        spot: typeof SPOT_PRICE_FACTOR;
        timingSource: string;
        timings: typeof TIMINGS;
        awsDefaults: typeof AWS_DEFAULTS;
    };
}

export interface PlanOptions {
    projectDir: string;
    stack: string;
    /**
     * The policy pack config file. Defaults to `policy/config/<stack>.json` in the project folder when it exists,
     * else none: every policy at the pack's own enforcement level and tunables.
     */
    policyConfig?: string;
    /** Called with a line of progress at each step. */
    progress?: (message: string) => void;
}

/** The project's own policy config for a stack, if it keeps one where this repository does. */
export function defaultPolicyConfig(projectDir: string, stack: string): string | undefined {
    const file = path.join(projectDir, "policy", "config", `${stack}.json`);
    return fs.existsSync(file) ? file : undefined;
}

/** Orders resources as a tree walk (parents before children, siblings by registration), like `pulumi preview`. */
export function treeOrder(resources: RecordedResource[]): RecordedResource[] {
    const graph = new ResourceGraph(resources);
    const out: RecordedResource[] = [];
    const walk = (r: RecordedResource) => {
        out.push(r);
        graph.childrenOf(r.urn).forEach(walk);
    };
    resources.filter((r) => !r.parent || !graph.byUrn.has(r.parent)).forEach(walk);
    return out;
}

/** Summarises recorded resources, tree-ordered. */
export function summarise(resources: RecordedResource[]): ResourceSummary[] {
    const graph = new ResourceGraph(resources);
    return treeOrder(resources).map((r) => ({
        urn: r.urn, type: r.type, name: r.name, parent: r.parent, component: graph.component(r)?.name, custom: r.custom, settings: keySettings(r),
    }));
}

/** The resources with every wire secret replaced by `[secret]`, as `plan.json` keeps them. */
export function redactedState(resources: RecordedResource[]): RecordedResource[] {
    return resources.map((r) => ({ ...r, inputs: redact(r.inputs) as Record<string, unknown>, outputs: redact(r.outputs) as Record<string, unknown> }));
}

/** Everything but running the program: pure, so tests can feed it hand-built resources. */
export function planFromResources(resources: RecordedResource[], policy: PolicyReport, meta: Pick<Plan, "project" | "stack" | "stackFile" | "program" | "region" | "warnings" | "outputs">): Plan {
    return {
        ...meta,
        resources: summarise(resources),
        policy,
        cost: estimateCost(resources),
        deployTime: estimateDeployTime(resources),
        diagram: mermaid(resources),
        state: redactedState(resources),
        tables: {
            priceSource: PRICE_SOURCE, hoursPerMonth: HOURS_PER_MONTH, prices: PRICES, spot: SPOT_PRICE_FACTOR,
            timingSource: TIMING_SOURCE, timings: TIMINGS, awsDefaults: AWS_DEFAULTS,
        },
    };
}

/** Loads the stack, runs its program against the simulated AWS, evaluates the policy pack and estimates. */
export async function buildPlan(options: PlanOptions): Promise<{ plan: Plan; resources: RecordedResource[] }> {
    const progress = options.progress ?? (() => undefined);
    const loaded = loadStack(options.projectDir, options.stack);
    progress(`stack ${loaded.stack}: ${path.relative(process.cwd(), loaded.stackFile) || loaded.stackFile} (${Object.keys(loaded.config).length} config values)`);
    const policyConfig = options.policyConfig ?? defaultPolicyConfig(loaded.projectDir, loaded.stack);
    if (policyConfig !== undefined) {
        checkPolicyConfig(policyConfig, loaded.stack);
    }
    const started = Date.now();
    const run = await runStack(loaded);
    progress(`ran ${path.relative(loaded.projectDir, loaded.program)} against the simulated AWS: ${run.resources.length} resources in ${Date.now() - started} ms`);
    const policyStarted = Date.now();
    const policy = await runPolicies(run.resources, policyConfig);
    progress(`policy pack ${policy.pack} (${policy.policies} policies): ${policy.mandatory} mandatory, ${policy.advisory} advisory violation(s) in ${Date.now() - policyStarted} ms`);
    const plan = planFromResources(run.resources, policy, {
        project: loaded.project,
        stack: loaded.stack,
        stackFile: loaded.stackFile,
        program: loaded.program,
        region: loaded.region,
        warnings: loaded.warnings,
        outputs: run.outputs,
    });
    if (loaded.region !== "us-east-1") {
        plan.warnings.push(`the stack's region is ${loaded.region}; prices are us-east-1's (FACTS.md has no other region).`);
    }
    return { plan, resources: run.resources };
}
