/**
 * The simulated AWS (and Docker registry) as a Pulumi resource provider: what the `pulumi-resource-aws` and
 * `pulumi-resource-docker` plugins serve to the real engine. Outputs come from the one simulator
 * (`sim/simulator.ts`); what exists between runs lives in the simulated cloud (`sim/cloud.ts`), which models the
 * AWS behaviour users meet:
 * - names are unique per account and region (IAM: per account), so a replacement under a fixed name collides;
 * - deleting an ECR repository that still holds images fails unless `forceDelete` is true;
 * - a log group with `skipDestroy` stays in the cloud when its resource is deleted;
 * - a task definition gets a new revision, and so a new ARN, each time one is registered.
 * Diff reports replacements from the one replacement table (`sim/replacements.ts`).
 */
import type * as provider from "@pulumi/pulumi/provider";
import { AlreadyExistsError, Cloud } from "./cloud";
import { changedProperties, replacementReasons } from "./replacements";
import { DEFAULT_SIMULATED_REGION, SIMULATED_ACCOUNT_ID, simulateInvoke, simulateResource, stableHash } from "./simulator";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./types";

type Props = Record<string, unknown>;

/**
 * Types whose `name` pulumi-aws generates when none is given: `<logical name>-<7 hex>`. pulumi-aws draws the
 * suffix at random; here it derives from the URN and how often it was created (`Cloud.generation`), so runs are
 * reproducible and a replacement still gets a new name.
 */
const AUTONAMED = new Set([
    "aws:ecr/repository:Repository",
    "aws:ecs/cluster:Cluster",
    "aws:ecs/service:Service",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:lb/targetGroup:TargetGroup",
    "aws:appautoscaling/policy:Policy",
    "aws:appautoscaling/scheduledAction:ScheduledAction",
    "aws:servicediscovery/httpNamespace:HttpNamespace",
]);

/**
 * Where AWS keeps a resource's name unique, and the error it answers when the name is taken. Types not listed
 * have AWS-chosen IDs (`vpc-…`, `sg-…`), which never collide.
 */
const UNIQUE_NAMES: Record<string, { kind: string; scope: (outs: Props, region: string) => string; taken: (name: string) => string }> = {
    "aws:ecr/repository:Repository": {
        kind: "ecr-repository",
        scope: (_, region) => region,
        taken: (n) => `RepositoryAlreadyExistsException: The repository with name '${n}' already exists in the registry with id '${SIMULATED_ACCOUNT_ID}'`,
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        kind: "logs-log-group",
        scope: (_, region) => region,
        taken: (n) => `ResourceAlreadyExistsException: The specified log group already exists: ${n}`,
    },
    "aws:ecs/cluster:Cluster": {
        kind: "ecs-cluster",
        scope: (_, region) => region,
        taken: (n) => `InvalidParameterException: a cluster named ${n} already exists`,
    },
    "aws:ecs/service:Service": {
        kind: "ecs-service",
        scope: (outs, region) => `${region}:${String(reveal(outs.cluster) ?? "default").split("/").pop()}`,
        taken: (n) => `InvalidParameterException: Creation of service was not idempotent (a service named ${n} already exists in the cluster)`,
    },
    "aws:iam/role:Role": {
        kind: "iam-role",
        scope: () => "global",
        taken: (n) => `EntityAlreadyExists: Role with name ${n} already exists.`,
    },
    "aws:iam/policy:Policy": {
        kind: "iam-policy",
        scope: () => "global",
        taken: (n) => `EntityAlreadyExists: A policy called ${n} already exists. Duplicate names are not allowed.`,
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        kind: "elbv2-load-balancer",
        scope: (_, region) => region,
        taken: (n) => `DuplicateLoadBalancerName: A load balancer with the same name '${n}' exists, but with different settings`,
    },
    "aws:lb/targetGroup:TargetGroup": {
        kind: "elbv2-target-group",
        scope: (_, region) => region,
        taken: (n) => `DuplicateTargetGroupName: A target group with the same name '${n}' exists, but with different settings`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        kind: "ec2-security-group",
        scope: (outs, region) => `${region}:${String(reveal(outs.vpcId) ?? "default-vpc")}`,
        taken: (n) => `InvalidGroup.Duplicate: The security group '${n}' already exists for VPC`,
    },
};

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const REPOSITORY = "aws:ecr/repository:Repository";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const IMAGE = "docker:index/image:Image";

/** A value with its secret wrappers removed (the simulator computes from plain values). */
export function reveal(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(reveal);
    }
    if (value !== null && typeof value === "object") {
        const obj = value as Props;
        if (obj[SIG_KEY] === SECRET_SIG) {
            return reveal(obj.value);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

/** The type token and logical name in a URN, `urn:pulumi:<stack>::<project>::<parent$>type::name`. */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const name = parts.slice(3).join("::");
    const typePath = parts[2] ?? "";
    return { type: typePath.split("$").pop() ?? typePath, name };
}

function failure(message: string): Error {
    return new Error(message);
}

/** The simulated provider of one package (`aws` or `docker`). */
export class SimulatedProvider implements provider.Provider {
    constructor(
        /** The package's name, the plugin's `pulumi-resource-<pkg>`. */
        readonly pkg: "aws" | "docker",
        /** The version the plugin reports: that of the `@pulumi/<pkg>` SDK the programs use. */
        readonly version: string,
        private readonly cloud: Cloud,
        private readonly defaultRegion: string = DEFAULT_SIMULATED_REGION,
    ) {}

    private region(props: Props): string {
        const r = reveal(props.region);
        return typeof r === "string" && r !== UNKNOWN ? r : this.defaultRegion;
    }

    /** Autonames as pulumi-aws does: keep the old name, else `<logical>-<7 hex>`, new for each creation. */
    async check(urn: string, olds: Props, news: Props): Promise<provider.CheckResult> {
        const { type, name } = parseUrn(urn);
        if (!AUTONAMED.has(type) || news.name !== undefined || news.namePrefix !== undefined) {
            return { inputs: news };
        }
        const oldName = olds?.name;
        return { inputs: { ...news, name: typeof oldName === "string" ? oldName : `${name}-${stableHash([urn, String(this.cloud.generation(urn))], 7)}` } };
    }

    /**
     * What changed between the last deployed inputs and the new ones, and whether it forces a replacement.
     * `olds` are the old outputs: a key the simulator computes (an ARN, an ID) is not an input and is ignored.
     */
    async diff(id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
        const { type, name } = parseUrn(urn);
        const computed = new Set(this.computedKeys(type, name, news));
        const oldInputs = Object.fromEntries(Object.entries(olds).filter(([k]) => !computed.has(k) || k in news));
        const changed = changedProperties(reveal(oldInputs) as Props, reveal(news) as Props);
        if (changed.length === 0) {
            return { changes: false };
        }
        const replaces = replacementReasons(type, reveal(oldInputs) as Props, reveal(news) as Props, changed);
        return { changes: true, replaces };
    }

    private computedKeys(type: string, name: string, inputs: Props): string[] {
        const sim = simulateResource(type, name, reveal(inputs) as Props, { region: this.region(inputs), preview: false });
        return Object.keys(sim.outputs).filter((k) => !(k in inputs));
    }

    async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
        const { type, name } = parseUrn(urn);
        const region = this.region(inputs);
        // A seed per creation: the IDs AWS chooses (vpc-…, sg-…) differ between a resource and its replacement.
        const seed = `${urn}#${this.cloud.generation(urn)}`;
        this.cloud.nextGeneration(urn);
        const sim = simulateResource(type, seed, reveal(inputs) as Props, { region, preview: false });
        const computed = Object.fromEntries(Object.entries(sim.outputs).filter(([k]) => !(k in inputs)));
        const id = sim.id;
        const outs: Props = { ...inputs, ...computed };
        if (type === TASK_DEFINITION) {
            const family = String(reveal(inputs.family));
            // Revisions are never reused, not even after a deregistration (AWS keeps INACTIVE ones).
            const revision = this.cloud.list("ecs-task-definition", `${region}:${family}`).reduce((max, o) => Math.max(max, Number(o.name)), 0) + 1;
            outs.revision = revision;
            outs.arn = `${sim.outputs.arnWithoutRevision}:${revision}`;
            this.cloud.put({ kind: "ecs-task-definition", scope: `${region}:${family}`, name: String(revision), id: family });
        } else if (type === IMAGE) {
            this.push(inputs, outs);
        }
        const unique = UNIQUE_NAMES[type];
        if (unique) {
            const physical = String(reveal(outs.name) ?? id);
            try {
                this.cloud.create({ kind: unique.kind, scope: unique.scope(outs, region), name: physical, id, data: { urn } });
            } catch (err) {
                if (err instanceof AlreadyExistsError) {
                    throw failure(`creating ${type} (${physical}): ${unique.taken(physical)}`);
                }
                throw err;
            }
        } else if (type !== TASK_DEFINITION) {
            this.cloud.put({ kind: "resource", scope: region, name: `${type}:${id}`, id, data: { urn } });
        }
        return { id, outs };
    }

    /** `docker push` into a simulated ECR repository: the repository must exist; the image then lives in it. */
    private push(inputs: Props, outs: Props): void {
        const imageName = String(reveal(inputs.imageName));
        const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/.exec(imageName);
        if (!match) {
            return; // not an ECR image: the simulated cloud only holds ECR registries
        }
        const [, , region, repository] = match;
        if (!this.cloud.get("ecr-repository", region, repository)) {
            throw failure(`pushing ${imageName}: name unknown: The repository with name '${repository}' does not exist in the registry with id '${SIMULATED_ACCOUNT_ID}'`);
        }
        const digest = String(outs.repoDigest).split("@")[1];
        this.cloud.put({ kind: "ecr-image", scope: `${region}:${repository}`, name: digest, id: digest, data: { imageName } });
    }

    async read(id: string, urn: string, props: Props = {}): Promise<provider.ReadResult> {
        const { type } = parseUrn(urn);
        const region = this.region(props);
        const unique = UNIQUE_NAMES[type];
        const exists = unique
            ? this.cloud.get(unique.kind, unique.scope(props, region), String(reveal(props.name) ?? id)) !== undefined
            : type === TASK_DEFINITION || type === IMAGE || this.cloud.get("resource", region, `${type}:${id}`) !== undefined;
        // An empty ID tells the engine the resource is gone (deleted outside Pulumi).
        return exists ? { id, props } : { id: "", props: {} };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
        const { type, name } = parseUrn(urn);
        const computed = new Set(this.computedKeys(type, name, news));
        const kept = Object.fromEntries(Object.entries(olds).filter(([k]) => computed.has(k) && !(k in news)));
        const outs: Props = { ...kept, ...news };
        if (type === IMAGE) {
            // A new build has a new digest: everything pinned to `repoDigest` (the task definition) changes with it.
            const sim = simulateResource(type, name, reveal(news) as Props, { region: this.region(news), preview: false });
            outs.repoDigest = sim.outputs.repoDigest;
            outs.baseImageName = sim.outputs.baseImageName;
            this.push(news, outs);
        }
        return { outs };
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        const { type } = parseUrn(urn);
        const region = this.region(props);
        if (type === REPOSITORY) {
            const repository = String(reveal(props.name));
            const images = this.cloud.list("ecr-image", `${region}:${repository}`);
            if (images.length > 0 && reveal(props.forceDelete) !== true) {
                throw failure(`ECR Repository (${repository}) not empty, consider using force_delete: RepositoryNotEmptyException: ` +
                    `The repository with name '${repository}' in registry with id '${SIMULATED_ACCOUNT_ID}' cannot be deleted because it still contains images`);
            }
            images.forEach((i) => this.cloud.remove("ecr-image", `${region}:${repository}`, i.name));
        }
        if (type === LOG_GROUP && reveal(props.skipDestroy) === true) {
            return; // pulumi-aws drops it from the state and leaves it, with its logs, in the account
        }
        if (type === IMAGE) {
            return; // pulumi-docker removes the local image only: the pushed image stays in the registry
        }
        if (type === TASK_DEFINITION) {
            const family = String(reveal(props.family));
            this.cloud.put({ kind: "ecs-task-definition", scope: `${region}:${family}`, name: String(props.revision), id: family, data: { status: "INACTIVE" } });
            return;
        }
        const unique = UNIQUE_NAMES[type];
        if (unique) {
            this.cloud.remove(unique.kind, unique.scope(props, region), String(reveal(props.name) ?? id));
        } else {
            this.cloud.remove("resource", region, `${type}:${id}`);
        }
    }

    async invoke(token: string, inputs: Props): Promise<provider.InvokeResult> {
        return { outputs: simulateInvoke(token, reveal(inputs) as Props, { region: this.region(inputs), preview: false }) };
    }
}
