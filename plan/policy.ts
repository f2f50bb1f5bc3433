/**
 * The policy report of the plan: the package's real policy pack, evaluated over the recorded resources with a
 * stack's policy config (`policy/config/<stack>.json`), through `plan/analyzer.ts`, which calls the pack's own
 * analyzer handlers as the Pulumi CLI does.
 */
import * as fs from "fs";
import { analyze, getAnalyzerInfo, loadPolicyConfig, PolicyPackConfigFile } from "./analyzer";
import { RecordedResource } from "../sim/types";
import { PlanError } from "./stack";

export interface PolicyViolation {
    policy: string;
    /** `mandatory`, `advisory` or `remediate`. */
    level: string;
    message: string;
    urn?: string;
    /** The resource's name (from its URN); undefined for a stack-wide finding. */
    resource?: string;
}

export interface PolicyReport {
    pack: string;
    /** The policy config file; undefined when the pack ran with its own defaults. */
    configFile?: string;
    /** How many policies the pack has. */
    policies: number;
    violations: PolicyViolation[];
    mandatory: number;
    advisory: number;
}

/** Throws a `PlanError` unless the stack's policy config exists (checked before the program runs). */
export function checkPolicyConfig(configFile: string, stack: string): void {
    if (!fs.existsSync(configFile)) {
        throw new PlanError(`stack "${stack}": no policy config ${configFile}; create it (the pack's README shows the format) or leave out --policy-config to run the pack with its defaults.`);
    }
}

/** Evaluates the pack; an unreadable or invalid policy config is a `PlanError` naming the file. */
export async function runPolicies(resources: RecordedResource[], configFile?: string): Promise<PolicyReport> {
    let config: PolicyPackConfigFile = {};
    try {
        if (configFile !== undefined) {
            config = loadPolicyConfig(configFile);
        }
    } catch (e) {
        throw new PlanError(`policy config ${configFile} is not valid JSON: ${e instanceof Error ? e.message : String(e)}. Fix the file and run the plan again.`);
    }
    const info = await getAnalyzerInfo();
    let result;
    try {
        result = await analyze(resources, config);
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (message.startsWith("Invalid policy pack config")) {
            throw new PlanError(`policy config ${configFile}: ${message}`);
        }
        throw e;
    }
    const violations = result.diagnostics
        .filter((d) => d.enforcementLevel !== "disabled")
        .map((d) => ({
            policy: d.policyName,
            level: d.enforcementLevel,
            // The pack's message repeats the policy's description before what to set; keep what to set.
            message: d.message.startsWith(d.description) ? d.message.slice(d.description.length).trim() : d.message,
            urn: d.urn,
            resource: d.urn?.split("::").pop(),
        }));
    return {
        pack: `${info.name}@${info.version}`,
        configFile,
        policies: info.policies.length,
        violations,
        mandatory: violations.filter((v) => v.level === "mandatory").length,
        advisory: violations.filter((v) => v.level === "advisory").length,
    };
}
