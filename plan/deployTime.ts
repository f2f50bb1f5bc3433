/**
 * Deploy-time estimates of a recorded stack, as low–high ranges from `timings.ts`:
 * - a fresh `pulumi up`: the critical path through the resource graph (dependencies, property dependencies and
 *   custom-resource parents), every independent resource created in parallel as the engine does;
 * - a rolling update of each ECS service, from its own health check, deregistration delay, stop timeout,
 *   deployment percentages and `waitForSteadyState`; for a blue/green, canary or linear service, from its bake
 *   time and traffic steps instead of rounds.
 */
import { RecordedResource } from "../sim/types";
import { TYPES } from "./cost";
import { AWS_DEFAULTS, creationTiming, TimingKey, TIMINGS } from "./timings";
import { arr, input, num, obj, plain, ResourceGraph, str } from "./values";

/** One resource on a critical path. */
export interface PathStep {
    urn: string;
    type: string;
    name: string;
    /** What its duration is made of, e.g. `controlPlane` or `assumedControlPlane+taskStart+healthCheck`. */
    timing: string;
    durationS: number;
    finishS: number;
}

export interface FreshDeploy {
    lowS: number;
    highS: number;
    /** The chain of resources that sets each bound, first created first. */
    criticalPathLow: PathStep[];
    criticalPathHigh: PathStep[];
}

/** A setting the rolling update depends on, and whether the stack set it or AWS's default applies. */
export interface Setting {
    value: number | boolean;
    from: "stack" | "default";
}

export interface RollingUpdate {
    urn: string;
    name: string;
    desiredCount: number;
    settings: {
        healthCheckIntervalSeconds: Setting;
        healthyThresholdCount: Setting;
        healthCheckGracePeriodSeconds: Setting;
        deregistrationDelaySeconds: Setting;
        stopTimeoutSeconds: Setting;
        minimumHealthyPercent: Setting;
        maximumPercent: Setting;
        waitForSteadyState: Setting;
    };
    behindLoadBalancer: boolean;
    /** ECS deployment strategy: `ROLLING`, or `BLUE_GREEN`, `CANARY`, `LINEAR` (a full new task set, then traffic shifts). */
    strategy: string;
    /** Seconds a traffic-shifting deploy waits between its traffic steps and in its final bake time (0 when rolling). */
    trafficShiftS: number;
    /** Tasks replaced at once, and how many such rounds a deploy takes. */
    batchSize: number;
    batches: number;
    /** One round: new task started and healthy, old task drained and stopped. */
    perBatch: { taskStart: [number, number]; healthy: [number, number]; deregistration: [number, number]; stop: [number, number] };
    /** Until the service is steady on the new task definition. */
    rolloutLowS: number;
    rolloutHighS: number;
    /** Until `pulumi up` returns (image already pushed): the new revision, the service update and, with waitForSteadyState, the rollout. */
    pulumiUpLowS: number;
    pulumiUpHighS: number;
    notes: string[];
}

export interface DeployTimeReport {
    fresh: FreshDeploy;
    rollingUpdates: RollingUpdate[];
    assumptions: string[];
}

function setting(value: number | boolean | undefined, fallback: number | boolean): Setting {
    return value === undefined ? { value: fallback, from: "default" } : { value, from: "stack" };
}

function targetGroupsOf(graph: ResourceGraph, service: RecordedResource): RecordedResource[] {
    const tgTypes = TYPES.targetGroups as readonly string[];
    const byDeps = graph.propertyDeps(service, "loadBalancers").filter((r) => tgTypes.includes(r.type));
    if (byDeps.length > 0) {
        return byDeps;
    }
    const arns = arr(input(service, "loadBalancers")).map((lb) => str(obj(lb).targetGroupArn));
    return graph.ofType(...tgTypes).filter((tg) => arns.includes(str(plain(tg.outputs.arn))));
}

function stopTimeoutOf(taskDefinition: RecordedResource | undefined): number | undefined {
    const raw = taskDefinition ? input(taskDefinition, "containerDefinitions") : undefined;
    let containers: unknown;
    try {
        containers = typeof raw === "string" ? JSON.parse(raw) : raw;
    } catch {
        return undefined;
    }
    const timeouts = arr(containers).map((c) => num(obj(c).stopTimeout)).filter((t): t is number => t !== undefined);
    return timeouts.length > 0 ? Math.max(...timeouts) : undefined;
}

/** The settings of one service's rolling update and the range of its duration. */
export function rollingUpdateOf(graph: ResourceGraph, service: RecordedResource): RollingUpdate {
    const desiredCount = num(input(service, "desiredCount")) ?? 0;
    const tg = targetGroupsOf(graph, service)[0];
    const hc = tg ? obj(input(tg, "healthCheck")) : {};
    const td = graph.referenced(service, "taskDefinition", [TYPES.taskDefinition]);
    const s = {
        healthCheckIntervalSeconds: setting(num(hc.interval), AWS_DEFAULTS.healthCheckIntervalSeconds.value),
        healthyThresholdCount: setting(num(hc.healthyThreshold), AWS_DEFAULTS.healthyThresholdCount.value),
        healthCheckGracePeriodSeconds: setting(num(input(service, "healthCheckGracePeriodSeconds")), AWS_DEFAULTS.healthCheckGracePeriodSeconds.value),
        deregistrationDelaySeconds: setting(tg ? num(input(tg, "deregistrationDelay")) : undefined, AWS_DEFAULTS.deregistrationDelaySeconds.value),
        stopTimeoutSeconds: setting(stopTimeoutOf(td), AWS_DEFAULTS.stopTimeoutSeconds.value),
        minimumHealthyPercent: setting(num(input(service, "deploymentMinimumHealthyPercent")), AWS_DEFAULTS.minimumHealthyPercent.value),
        maximumPercent: setting(num(input(service, "deploymentMaximumPercent")), AWS_DEFAULTS.maximumPercent.value),
        waitForSteadyState: setting(typeof input(service, "waitForSteadyState") === "boolean" ? (input(service, "waitForSteadyState") as boolean) : undefined, AWS_DEFAULTS.waitForSteadyState.value),
    };
    const notes: string[] = [];
    const interval = s.healthCheckIntervalSeconds.value as number;
    const threshold = s.healthyThresholdCount.value as number;
    const dereg = s.deregistrationDelaySeconds.value as number;
    const stop = s.stopTimeoutSeconds.value as number;
    const extra = Math.max(0, Math.floor((desiredCount * (s.maximumPercent.value as number)) / 100) - desiredCount);
    const stoppable = Math.max(0, desiredCount - Math.ceil((desiredCount * (s.minimumHealthyPercent.value as number)) / 100));
    if (desiredCount > 0 && extra + stoppable === 0) {
        notes.push("minimum healthy and maximum percent leave no room to replace a task; ECS cannot make progress. Counted as one task at a time.");
    }
    const batchSize = Math.max(1, extra + stoppable);
    const batches = desiredCount > 0 ? Math.ceil(desiredCount / batchSize) : 0;
    const behindLoadBalancer = tg !== undefined;
    const perBatch = {
        taskStart: [TIMINGS.taskStart.lowS, TIMINGS.taskStart.highS] as [number, number],
        healthy: (behindLoadBalancer ? [interval, interval * threshold] : [0, 0]) as [number, number],
        deregistration: (behindLoadBalancer ? [dereg, dereg] : [0, 0]) as [number, number],
        stop: [0, stop] as [number, number],
    };
    const sumLow = perBatch.taskStart[0] + perBatch.healthy[0] + perBatch.deregistration[0] + perBatch.stop[0];
    const sumHigh = perBatch.taskStart[1] + perBatch.healthy[1] + perBatch.deregistration[1] + perBatch.stop[1];
    const shifting = trafficShiftOf(service);
    // A traffic-shifting deploy starts the whole new task set at once (one round), shifts the traffic in its steps,
    // bakes, and only then drains and stops the old set.
    const rounds = shifting ? (desiredCount > 0 ? 1 : 0) : batches;
    const rolloutLowS = rounds * sumLow + (shifting?.seconds ?? 0);
    const rolloutHighS = rounds * sumHigh + (shifting?.seconds ?? 0);
    if (shifting) {
        notes.push(shifting.note);
    }
    const api = [TIMINGS.controlPlane.lowS + TIMINGS.assumedControlPlane.lowS, TIMINGS.controlPlane.highS + TIMINGS.assumedControlPlane.highS];
    const wait = s.waitForSteadyState.value === true;
    if (!wait) {
        notes.push("waitForSteadyState is off: `pulumi up` returns once ECS accepts the update; the rollout goes on in the background and a failed rollout is not reported by `pulumi up`.");
    }
    if ((s.healthCheckGracePeriodSeconds.value as number) > 0) {
        notes.push(`the ${s.healthCheckGracePeriodSeconds.value} s grace period does not delay a healthy task; it only bounds how long a slow start is tolerated.`);
    }
    return {
        urn: service.urn, name: service.name, desiredCount, settings: s, behindLoadBalancer,
        strategy: shifting?.strategy ?? "ROLLING", trafficShiftS: shifting?.seconds ?? 0,
        batchSize: shifting ? desiredCount : batchSize, batches: rounds, perBatch,
        rolloutLowS, rolloutHighS,
        pulumiUpLowS: api[0] + (wait ? rolloutLowS : 0),
        pulumiUpHighS: api[1] + (wait ? rolloutHighS : 0),
        notes,
    };
}

/**
 * The waits of a blue/green, canary or linear deploy (ECS `deploymentConfiguration`): blue/green shifts all traffic
 * at once; canary waits its canary bake time after the first step; linear waits its step bake time between each of
 * its ceil(100 / step) steps; each then bakes `bakeTimeInMinutes` before the old tasks stop. Undefined when rolling.
 */
export function trafficShiftOf(service: RecordedResource): { strategy: string; seconds: number; note: string } | undefined {
    const config = obj(input(service, "deploymentConfiguration"));
    const strategy = str(config.strategy);
    if (strategy === undefined || strategy === "ROLLING") {
        return undefined;
    }
    const minutes = (v: unknown) => Number(str(v) ?? num(v) ?? 0);
    const bake = minutes(config.bakeTimeInMinutes);
    let steps = 0;
    let shape = "all traffic at once";
    if (strategy === "CANARY") {
        const canary = obj(config.canaryConfiguration);
        steps = minutes(canary.canaryBakeTimeInMinutes);
        shape = `${num(canary.canaryPercent) ?? "?"}% first, the rest after ${steps} min`;
    } else if (strategy === "LINEAR") {
        const linear = obj(config.linearConfiguration);
        const step = num(linear.stepPercent) ?? 100;
        const count = Math.ceil(100 / step);
        steps = (count - 1) * minutes(linear.stepBakeTimeInMinutes);
        shape = `${count} steps of ${step}%, ${minutes(linear.stepBakeTimeInMinutes)} min apart`;
    }
    return {
        strategy,
        seconds: (steps + bake) * 60,
        note: `${strategy}: a full new task set, then ${shape}, then a ${bake} min bake before the old set stops (${steps + bake} min of waiting on top of one round).`,
    };
}

/** The duration range of creating one resource, and what it is made of. */
export function creation(graph: ResourceGraph, r: RecordedResource): { lowS: number; highS: number; timing: string } {
    const key: TimingKey = creationTiming(r.type, r.custom);
    const base = TIMINGS[key];
    if (r.type === "aws:iam/role:Role") {
        return { lowS: base.lowS + TIMINGS.iamPropagation.lowS, highS: base.highS + TIMINGS.iamPropagation.highS, timing: `${key}+iamPropagation` };
    }
    if (r.type === TYPES.service) {
        const u = rollingUpdateOf(graph, r);
        if (u.settings.waitForSteadyState.value === true && u.desiredCount > 0) {
            return {
                lowS: base.lowS + u.perBatch.taskStart[0] + u.perBatch.healthy[0],
                highS: base.highS + u.perBatch.taskStart[1] + u.perBatch.healthy[1],
                timing: `${key}+taskStart${u.behindLoadBalancer ? "+healthCheck" : ""}`,
            };
        }
    }
    return { lowS: base.lowS, highS: base.highS, timing: key };
}

/** The custom resources a resource must wait for before its creation starts. */
function waitsFor(graph: ResourceGraph, r: RecordedResource): RecordedResource[] {
    const urns = new Set<string>([...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
    const parent = r.parent ? graph.byUrn.get(r.parent) : undefined;
    if (parent?.custom) {
        urns.add(parent.urn);
    }
    const out = new Set<RecordedResource>();
    const expand = (dep: RecordedResource, seen: Set<string>) => {
        if (seen.has(dep.urn)) {
            return;
        }
        seen.add(dep.urn);
        if (dep.custom) {
            out.add(dep);
        } else if (dep.type !== "pulumi:pulumi:Stack") {
            graph.childrenOf(dep.urn).forEach((c) => expand(c, seen));
        }
    };
    for (const urn of urns) {
        const dep = graph.byUrn.get(urn);
        if (dep && dep.urn !== r.urn) {
            expand(dep, new Set([r.urn]));
        }
    }
    return [...out];
}

function criticalPath(graph: ResourceGraph, bound: "lowS" | "highS"): { totalS: number; path: PathStep[] } {
    const finish = new Map<string, { finishS: number; via?: string; durationS: number; timing: string }>();
    const visiting = new Set<string>();
    const visit = (r: RecordedResource): number => {
        const known = finish.get(r.urn);
        if (known) {
            return known.finishS;
        }
        if (visiting.has(r.urn)) {
            return 0;
        }
        visiting.add(r.urn);
        let startS = 0;
        let via: string | undefined;
        for (const dep of waitsFor(graph, r)) {
            const f = visit(dep);
            if (f > startS) {
                startS = f;
                via = dep.urn;
            }
        }
        visiting.delete(r.urn);
        const c = r.custom ? creation(graph, r) : { lowS: 0, highS: 0, timing: "component" };
        finish.set(r.urn, { finishS: startS + c[bound], via, durationS: c[bound], timing: c.timing });
        return startS + c[bound];
    };
    let last: RecordedResource | undefined;
    let totalS = 0;
    for (const r of graph.resources) {
        const f = visit(r);
        if (f > totalS) {
            totalS = f;
            last = r;
        }
    }
    const path: PathStep[] = [];
    for (let urn = last?.urn; urn; urn = finish.get(urn)!.via) {
        const r = graph.byUrn.get(urn)!;
        const f = finish.get(urn)!;
        path.unshift({ urn, type: r.type, name: r.name, timing: f.timing, durationS: f.durationS, finishS: f.finishS });
    }
    return { totalS, path };
}

/** Both estimates for a recorded stack. */
export function estimateDeployTime(resources: RecordedResource[]): DeployTimeReport {
    const graph = new ResourceGraph(resources);
    const low = criticalPath(graph, "lowS");
    const high = criticalPath(graph, "highS");
    return {
        fresh: { lowS: low.totalS, highS: high.totalS, criticalPathLow: low.path, criticalPathHigh: high.path },
        rollingUpdates: graph.ofType(TYPES.service).map((s) => rollingUpdateOf(graph, s)),
        assumptions: [
            "Fresh deploy: the engine creates every resource as soon as what it depends on exists (dependencies, property dependencies, custom parents), with no parallelism limit.",
            "A resource's creation time is the low or high end of its row in the timing table; an IAM role adds the time until ECS can use it.",
            "An ECS service with waitForSteadyState also waits for its first tasks to start and pass health checks.",
            "Image build and push are not included (no figure in FACTS.md).",
            "Rolling update: a new target is healthy after one passing check at best (FACTS.md) and after `healthyThreshold` checks at worst; old targets drain for the full deregistration delay; a container stops at once on SIGTERM at best, at its stopTimeout at worst.",
        ],
    };
}
