/**
 * How long a change takes to go live, as low–high ranges from `timings.ts`: not a fresh `pulumi up`, only the
 * resources that change.
 * - The engine's part: the critical path through the creates, replacements and updates (each waits for the changed
 *   resources it depends on), then the deletions, which the engine runs last.
 * - The services' part: a service whose update starts a new ECS deployment rolls in rounds (rolling update: new
 *   tasks started and healthy, old ones drained and stopped, `deployTime.ts`'s `rollingUpdateOf`), or, with ECS
 *   native blue/green (`deploymentConfiguration.strategy = "BLUE_GREEN"`), starts the whole green set, bakes for
 *   `bakeTimeInMinutes`, then drains the blue set. Without `waitForSteadyState` this runs after `pulumi up` returns.
 * A `desiredCount` change alone scales the service: new tasks start and pass a health check, or old ones drain.
 */
import { RecordedResource } from "../sim/types";
import { TYPES } from "./cost";
import { creation, rollingUpdateOf, RollingUpdate } from "./deployTime";
import { ResourceChange, ResourceDiff } from "./diff";
import { creationTiming, TIMINGS } from "./timings";
import { input, num, obj, ResourceGraph, str } from "./values";

/**
 * Service inputs whose update starts a new deployment (AWS ECS API reference, UpdateService: "a new deployment is
 * triggered" for the task definition, network configuration, load balancers, service registries, capacity provider
 * strategy, platform version, Service Connect and volume configuration; `forceNewDeployment` and `triggers` force one).
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export const DEPLOYMENT_INPUTS = [
    "taskDefinition", "networkConfiguration", "loadBalancers", "serviceRegistries", "capacityProviderStrategies",
    "platformVersion", "serviceConnectConfiguration", "volumeConfiguration", "forceNewDeployment", "triggers",
] as const;

export type ServiceRolloutKind = "rolling" | "blue-green" | "scale" | "create" | "replace";

/** One service's part of the change. */
export interface ServiceRollout {
    urn: string;
    name: string;
    kind: ServiceRolloutKind;
    /** Rolling: rounds and tasks per round; blue/green: one round of the whole set. */
    rounds: number;
    tasksPerRound: number;
    desiredCount: number;
    /** What one round is made of, in seconds. */
    steps: { taskStart: [number, number]; healthy: [number, number]; bake: [number, number]; deregistration: [number, number]; stop: [number, number] };
    gracePeriodSeconds: number;
    waitForSteadyState: boolean;
    /** From the service's update until it is steady on the new version. */
    lowS: number;
    highS: number;
    /** When it starts (its update done) and ends, from the start of `pulumi up`. */
    startLowS: number;
    startHighS: number;
    endLowS: number;
    endHighS: number;
    notes: string[];
}

/** One resource's step in the engine's part. */
export interface ChangeStep {
    urn: string;
    name: string;
    kind: ResourceChange["kind"];
    timing: string;
    lowS: number;
    highS: number;
    finishLowS: number;
    finishHighS: number;
}

export interface RolloutEstimate {
    /** Creates, replacements and updates, each at its finish. */
    steps: ChangeStep[];
    /** The chain of steps that sets the upper bound, first first. */
    criticalPath: string[];
    /** The deletions the engine runs at the end (deleted resources, old halves of replacements). */
    deletionLowS: number;
    deletionHighS: number;
    /** Until `pulumi up` returns. */
    pulumiUpLowS: number;
    pulumiUpHighS: number;
    services: ServiceRollout[];
    /** Until everything runs the new version: the later of `pulumi up` and the last service rollout. */
    totalLowS: number;
    totalHighS: number;
    assumptions: string[];
}

/** The ECS deployment strategy a service's `deploymentConfiguration` selects (ROLLING by default). */
export function deploymentStrategy(service: RecordedResource): string {
    return str(obj(input(service, "deploymentConfiguration")).strategy) ?? "ROLLING";
}

/** True when a service update starts a new ECS deployment. */
export function startsDeployment(change: ResourceChange): boolean {
    return change.kind === "update" && change.type === TYPES.service && change.changed.some((k) => (DEPLOYMENT_INPUTS as readonly string[]).includes(k));
}

function apiBand(type: string): { lowS: number; highS: number; timing: string } {
    const key = creationTiming(type, true);
    if (key === "component" || key === "imageBuild") {
        return { lowS: TIMINGS[key].lowS, highS: TIMINGS[key].highS, timing: key };
    }
    const band = key === "controlPlane" ? "controlPlane" : "assumedControlPlane";
    return { lowS: TIMINGS[band].lowS, highS: TIMINGS[band].highS, timing: band };
}

/** Deleting a service waits for its tasks to drain and stop; anything else is one API call. */
function deletion(graph: ResourceGraph, r: RecordedResource): { lowS: number; highS: number; timing: string } {
    const api = apiBand(r.type);
    if (r.type === TYPES.service) {
        const u = rollingUpdateOf(graph, r);
        return {
            lowS: api.lowS + u.perBatch.deregistration[0] + u.perBatch.stop[0],
            highS: api.highS + u.perBatch.deregistration[1] + u.perBatch.stop[1],
            timing: `${api.timing}+deregistration+stop`,
        };
    }
    return api;
}

function serviceRollout(graph: ResourceGraph, service: RecordedResource, kind: ServiceRolloutKind, baseCount: number): Omit<ServiceRollout, "startLowS" | "startHighS" | "endLowS" | "endHighS"> {
    const u: RollingUpdate = rollingUpdateOf(graph, service);
    const p = u.perBatch;
    const grace = u.settings.healthCheckGracePeriodSeconds.value as number;
    const wait = u.settings.waitForSteadyState.value === true;
    const notes: string[] = [];
    const zero: [number, number] = [0, 0];
    const common = { urn: service.urn, name: service.name, kind, desiredCount: u.desiredCount, gracePeriodSeconds: grace, waitForSteadyState: wait, notes };
    if (kind === "scale") {
        const up = u.desiredCount > baseCount;
        const steps = up
            ? { taskStart: p.taskStart, healthy: p.healthy, bake: zero, deregistration: zero, stop: zero }
            : { taskStart: zero, healthy: zero, bake: zero, deregistration: p.deregistration, stop: p.stop };
        notes.push(up ? `scales out from ${baseCount} to ${u.desiredCount} tasks: the new tasks start together.` : `scales in from ${baseCount} to ${u.desiredCount} tasks: the stopped tasks drain first.`);
        return { ...common, rounds: 1, tasksPerRound: Math.abs(u.desiredCount - baseCount), steps, ...sum(steps, 1) };
    }
    if (kind === "blue-green") {
        const bakeMinutes = num(obj(input(service, "deploymentConfiguration")).bakeTimeInMinutes) ?? 0;
        const bake: [number, number] = [bakeMinutes * 60, bakeMinutes * 60];
        const steps = { taskStart: p.taskStart, healthy: p.healthy, bake, deregistration: p.deregistration, stop: p.stop };
        notes.push(`blue/green: the green set of ${u.desiredCount} task${u.desiredCount === 1 ? "" : "s"} starts at once; traffic shifts when it is healthy, then ${bakeMinutes} min bake before the blue set drains.`);
        return { ...common, rounds: u.desiredCount > 0 ? 1 : 0, tasksPerRound: u.desiredCount, steps, ...sum(steps, u.desiredCount > 0 ? 1 : 0) };
    }
    const strategy = deploymentStrategy(service);
    if (strategy !== "ROLLING") {
        notes.push(`deployment strategy ${strategy} is not modelled; estimated as a rolling update.`);
    }
    notes.push(...u.notes.filter((n) => !n.startsWith("waitForSteadyState")));
    const steps = { taskStart: p.taskStart, healthy: p.healthy, bake: zero, deregistration: p.deregistration, stop: p.stop };
    return { ...common, rounds: u.batches, tasksPerRound: u.batchSize, steps, ...sum(steps, u.batches) };
}

function sum(steps: ServiceRollout["steps"], rounds: number): { lowS: number; highS: number } {
    const all = [steps.taskStart, steps.healthy, steps.bake, steps.deregistration, steps.stop];
    return { lowS: rounds * all.reduce((s, x) => s + x[0], 0), highS: rounds * all.reduce((s, x) => s + x[1], 0) };
}

/** The rollout estimate of a change, from the diff and both stacks. */
export function estimateRollout(diff: ResourceDiff, base: RecordedResource[], head: RecordedResource[]): RolloutEstimate {
    const headGraph = new ResourceGraph(head);
    const baseGraph = new ResourceGraph(base);
    const byUrn = new Map(diff.changes.filter((c) => c.kind !== "delete").map((c) => [c.urn, c]));
    const finish = new Map<string, { low: number; high: number; via?: string }>();
    const steps: ChangeStep[] = [];
    const services: ServiceRollout[] = [];
    const deletions: Array<{ lowS: number; highS: number }> = [];

    const visit = (c: ResourceChange): { low: number; high: number } => {
        const known = finish.get(c.urn);
        if (known) {
            return known;
        }
        finish.set(c.urn, { low: 0, high: 0 });
        const r = headGraph.byUrn.get(c.urn)!;
        let startLow = 0;
        let startHigh = 0;
        let via: string | undefined;
        for (const urn of new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()])) {
            const dep = byUrn.get(urn);
            if (dep && dep.urn !== c.urn) {
                const f = visit(dep);
                startLow = Math.max(startLow, f.low);
                if (f.high > startHigh) {
                    startHigh = f.high;
                    via = dep.urn;
                }
            }
        }
        let d: { lowS: number; highS: number; timing: string };
        if (c.kind === "create") {
            d = creation(headGraph, r);
        } else if (c.kind === "replace") {
            const make = creation(headGraph, r);
            const old = baseGraph.byUrn.get(c.urn)!;
            if (c.deleteBeforeReplace) {
                const del = deletion(baseGraph, old);
                d = { lowS: del.lowS + make.lowS, highS: del.highS + make.highS, timing: `delete(${del.timing})+${make.timing}` };
            } else {
                d = make;
                deletions.push(deletion(baseGraph, old));
            }
        } else {
            d = apiBand(c.type);
        }
        const f = { low: startLow + d.lowS, high: startHigh + d.highS, via };
        finish.set(c.urn, f);
        steps.push({ urn: c.urn, name: c.name, kind: c.kind, timing: d.timing, lowS: d.lowS, highS: d.highS, finishLowS: f.low, finishHighS: f.high });
        return f;
    };
    [...byUrn.values()].forEach(visit);
    for (const c of diff.changes.filter((x) => x.kind === "delete")) {
        deletions.push(deletion(baseGraph, baseGraph.byUrn.get(c.urn)!));
    }

    let pathLow = 0;
    let pathHigh = 0;
    let last: string | undefined;
    for (const [urn, f] of finish) {
        pathLow = Math.max(pathLow, f.low);
        if (f.high > pathHigh) {
            pathHigh = f.high;
            last = urn;
        }
    }
    const criticalPath: string[] = [];
    for (let urn = last; urn; urn = finish.get(urn)?.via) {
        criticalPath.unshift(byUrn.get(urn)!.name);
    }
    const deletionLowS = deletions.reduce((m, d) => Math.max(m, d.lowS), 0);
    const deletionHighS = deletions.reduce((m, d) => Math.max(m, d.highS), 0);

    for (const c of diff.changes) {
        if (c.type !== TYPES.service || c.kind === "delete") {
            continue;
        }
        const r = headGraph.byUrn.get(c.urn)!;
        const old = baseGraph.byUrn.get(c.urn);
        const baseCount = old ? num(input(old, "desiredCount")) ?? 0 : 0;
        let kind: ServiceRolloutKind | undefined;
        if (c.kind === "create" || c.kind === "replace") {
            kind = c.kind;
        } else if (startsDeployment(c)) {
            kind = deploymentStrategy(r) === "BLUE_GREEN" ? "blue-green" : "rolling";
        } else if (c.changed.includes("desiredCount")) {
            kind = "scale";
        }
        if (!kind) {
            continue;
        }
        const f = finish.get(c.urn)!;
        if (kind === "create" || kind === "replace") {
            // The service's own creation step already holds its first tasks when it waits for steady state.
            const u = rollingUpdateOf(headGraph, r);
            const steps = { taskStart: u.perBatch.taskStart, healthy: u.perBatch.healthy, bake: [0, 0] as [number, number], deregistration: [0, 0] as [number, number], stop: [0, 0] as [number, number] };
            const wait = u.settings.waitForSteadyState.value === true;
            const own = wait ? { lowS: 0, highS: 0 } : sum(steps, u.desiredCount > 0 ? 1 : 0);
            services.push({
                urn: c.urn, name: c.name, kind, rounds: u.desiredCount > 0 ? 1 : 0, tasksPerRound: u.desiredCount, desiredCount: u.desiredCount, steps,
                gracePeriodSeconds: u.settings.healthCheckGracePeriodSeconds.value as number, waitForSteadyState: wait, ...own,
                startLowS: f.low, startHighS: f.high, endLowS: f.low + own.lowS, endHighS: f.high + own.highS,
                notes: [kind === "replace" ? "a new service: its first tasks start from scratch." : "a new service: its first tasks start."],
            });
            continue;
        }
        const s = serviceRollout(headGraph, r, kind, baseCount);
        // With waitForSteadyState the engine waits for the rollout inside the service's update.
        const startLow = f.low;
        const startHigh = f.high;
        if (s.waitForSteadyState) {
            f.low += s.lowS;
            f.high += s.highS;
            pathLow = Math.max(pathLow, f.low);
            pathHigh = Math.max(pathHigh, f.high);
        }
        services.push({ ...s, startLowS: startLow, startHighS: startHigh, endLowS: startLow + s.lowS, endHighS: startHigh + s.highS });
    }
    const pulumiUpLowS = pathLow + deletionLowS;
    const pulumiUpHighS = pathHigh + deletionHighS;
    return {
        steps,
        criticalPath,
        deletionLowS,
        deletionHighS,
        pulumiUpLowS,
        pulumiUpHighS,
        services,
        totalLowS: Math.max(pulumiUpLowS, ...services.map((s) => s.endLowS)),
        totalHighS: Math.max(pulumiUpHighS, ...services.map((s) => s.endHighS)),
        assumptions: [
            "Only changed resources take time; each starts when the changed resources it depends on are done, as the engine schedules them.",
            "A create or replacement takes its creation time (timing table); a replacement that keeps its name deletes the old resource first; an in-place update is one API call (1–13 s band).",
            "Deletions (deleted resources and the old half of a create-before-delete replacement) run after every create and update, in parallel: the longest counts.",
            "A service update that starts a deployment (new task definition, network, load balancers, capacity strategy, …) rolls in rounds: task start + health check + deregistration delay + stop timeout per round; a blue/green deployment adds its bake time to one round of the whole set.",
            "Without waitForSteadyState, `pulumi up` returns before the rollout ends; the total is when the last service is steady.",
        ],
    };
}
