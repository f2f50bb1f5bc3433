/**
 * Runs the policy pack over recorded resources the way the Pulumi CLI does, in process and without a CLI:
 *
 * 1. the pack's own analyzer service is obtained from `@pulumi/policy`'s `serve` (the function `new PolicyPack`
 *    calls), with gRPC's `addService`/`bindAsync` intercepted so no port is opened; the handlers are therefore the
 *    exact `getAnalyzerInfo`, `configure`, `analyze` (`makeAnalyzeRpcFun`) and `analyzeStack`
 *    (`makeAnalyzeStackRpcFun`) the CLI talks to;
 * 2. `GetAnalyzerInfo`, then the CLI's config reconciliation (defaults from each policy's `configSchema`, the
 *    pack's initial config, then the `--policy-pack-config` file, with the `all` key), then `Configure`;
 * 3. `Analyze` for every resource with its inputs, then `AnalyzeStack` with every resource's outputs, parent,
 *    dependencies and property dependencies.
 * Requests are real protobuf messages, so values go through the same deserialization (secrets unwrapped, unknowns
 * recognised) as under the CLI.
 */
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../sim/types";

/** The pack's folder (its package.json and config/): beside plan/ in the source tree, two up from dist/plan. */
const POLICY_DIR = [path.join(__dirname, "..", "policy"), path.join(__dirname, "..", "..", "policy")]
    .find((dir) => fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) ?? path.join(__dirname, "..", "policy");
const policyServerPath = require.resolve("@pulumi/policy/server");
const fromPolicy = (id: string) => require(require.resolve(id, { paths: [path.dirname(policyServerPath)] }));
const analyzerproto = fromPolicy("@pulumi/pulumi/proto/analyzer_pb");
const structproto = fromPolicy("google-protobuf/google/protobuf/struct_pb");
const emptyproto = fromPolicy("google-protobuf/google/protobuf/empty_pb");
const grpc = fromPolicy("@grpc/grpc-js");
const protoutil = fromPolicy("@pulumi/policy/protoutil");

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/** The `--policy-pack-config` file format: a level, or an object with `enforcementLevel` and config properties. */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** What the CLI sends to `Configure` for one policy. */
export interface ReconciledPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    policyType: "resource" | "stack";
    configSchema?: { properties: Record<string, unknown>; required: string[] };
    framework?: { name: string; version: string; reference: string; specification: string };
    tags: string[];
    remediationSteps?: string;
    url?: string;
}

/** `GetAnalyzerInfo`, as plain data. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, Partial<ReconciledPolicyConfig>>;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    message: string;
    description: string;
    /** The resource reported; undefined for a stack-level diagnostic without one. */
    urn?: string;
    /** `analyze` (resource policies, over inputs) or `analyzeStack` (stack policies, over outputs). */
    phase: "analyze" | "analyzeStack";
    /** The engine's advisory for a policy that read a value not known during preview. */
    skippedDuringPreview: boolean;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
    urn?: string;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
    /** The config the pack was configured with (per policy: level and properties). */
    config: Record<string, ReconciledPolicyConfig>;
}

export interface AnalyzeOptions {
    /** Stack tags, sent with `ConfigureStack`. */
    stackTags?: Record<string, string>;
    /** Skip `Analyze` (resource policies) or `AnalyzeStack` (stack policies). Both run by default. */
    phases?: ("analyze" | "analyzeStack")[];
}

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
};
const SEVERITIES: Record<number, Severity | undefined> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

type Handler = (call: { request: any }, callback: (err: any, resp: any) => void) => unknown;
interface AnalyzerService {
    getAnalyzerInfo: Handler;
    configure: Handler;
    configureStack: Handler;
    analyze: Handler;
    analyzeStack: Handler;
}

let service: AnalyzerService | undefined;

/**
 * The pack's analyzer service, served once per process exactly as `new PolicyPack(PACK_NAME, packArgs)` in
 * `policy/index.ts` serves it, minus the network port.
 */
function packService(): AnalyzerService {
    if (service) {
        return service;
    }
    // Loaded lazily: the policies module pulls in @pulumi/policy, which callers may not need.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { PACK_NAME, packArgs } = require("../policy/policies");
    const version = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8")).version;
    const proto = grpc.Server.prototype;
    const { addService, bindAsync } = proto;
    let captured: AnalyzerService | undefined;
    proto.addService = function (_definition: unknown, implementation: AnalyzerService) {
        captured = implementation;
    };
    proto.bindAsync = function () { /* no port: the handlers are called directly */ };
    try {
        require(policyServerPath).serve(PACK_NAME, version, packArgs.enforcementLevel ?? "advisory", packArgs, undefined);
    } finally {
        proto.addService = addService;
        proto.bindAsync = bindAsync;
    }
    if (!captured) {
        throw new Error("@pulumi/policy's serve() registered no analyzer service");
    }
    service = captured;
    return service;
}

function call<T>(handler: Handler, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        handler({ request }, (err, resp) => (err ? reject(err) : resolve(resp)));
    });
}

// One configuration at a time: the pack keeps its config in module state, as under the CLI.
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
}

/** `GetAnalyzerInfo` over the pack's own handler. */
export async function getAnalyzerInfo(): Promise<AnalyzerInfo> {
    const info = await call<any>(packService().getAnalyzerInfo, new emptyproto.Empty());
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    info.getInitialconfigMap().forEach((v: any, k: string) => {
        initialConfig[k] = {
            enforcementLevel: LEVELS[v.getEnforcementlevel()],
            properties: v.getProperties()?.toJavaScript() ?? {},
        };
    });
    return {
        name: info.getName(),
        version: info.getVersion(),
        supportsConfig: info.getSupportsconfig(),
        initialConfig,
        policies: info.getPoliciesList().map((p: any): PolicyInfo => {
            const schema = p.getConfigschema();
            const fw = p.getFramework();
            return {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                severity: SEVERITIES[p.getSeverity()],
                policyType: p.getPolicyType() === analyzerproto.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
                configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
                framework: fw ? { name: fw.getName(), version: fw.getVersion(), reference: fw.getReference(), specification: fw.getSpecification() } : undefined,
                tags: p.getTagsList(),
                remediationSteps: p.getRemediationSteps() || undefined,
                url: p.getUrl() || undefined,
            };
        }),
    };
}

/** Reads a `--policy-pack-config` JSON file. */
export function loadPolicyConfig(file: string): PolicyPackConfigFile {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

function checkType(value: unknown, schema: any, where: string): string[] {
    const errors: string[] = [];
    if (schema?.enum && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
        errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    }
    const type = schema?.type;
    const ok = type === undefined ||
        (type === "array" && Array.isArray(value)) ||
        (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value)) ||
        (type === "number" && typeof value === "number") ||
        (type === "integer" && Number.isInteger(value)) ||
        (type === "string" && typeof value === "string") ||
        (type === "boolean" && typeof value === "boolean");
    if (!ok) {
        errors.push(`${where}: expected ${type}, got ${JSON.stringify(value)}`);
    } else if (type === "array" && schema.items) {
        (value as unknown[]).forEach((v, i) => errors.push(...checkType(v, schema.items, `${where}[${i}]`)));
    }
    return errors;
}

/**
 * The CLI's reconciliation (`ReconcilePolicyPackConfig`): every policy gets its default level and the `default` of
 * each config-schema property, then the pack's initial config, then the given file (an `all` level first, then
 * per-policy entries); the result is checked against each policy's schema. Throws on validation errors, as the CLI
 * refuses to run.
 */
export function reconcileConfig(info: AnalyzerInfo, file: PolicyPackConfigFile = {}): Record<string, ReconciledPolicyConfig> {
    const result: Record<string, ReconciledPolicyConfig> = {};
    for (const p of info.policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(p.configSchema?.properties ?? {})) {
            if (typeof v === "object" && v !== null && "default" in v) {
                properties[k] = (v as { default: unknown }).default;
            }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    const apply = (config: Record<string, Partial<ReconciledPolicyConfig>>) => {
        const all = config.all?.enforcementLevel;
        if (all) {
            for (const r of Object.values(result)) {
                r.enforcementLevel = all;
            }
        }
        for (const [name, given] of Object.entries(config)) {
            if (name === "all") {
                continue;
            }
            const current = result[name] ?? { enforcementLevel: undefined as unknown as EnforcementLevel, properties: {} };
            result[name] = {
                enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
                properties: { ...current.properties, ...(given.properties ?? {}) },
            };
        }
    };
    apply(info.initialConfig);
    apply(protoutil.normalizeConfig(file));
    const errors: string[] = [];
    for (const p of info.policies) {
        const c = result[p.name];
        if (!Object.values(LEVELS).includes(c.enforcementLevel)) {
            errors.push(`${p.name}: unknown enforcement level ${JSON.stringify(c.enforcementLevel)}`);
        }
        for (const req of p.configSchema?.required ?? []) {
            if (!(req in c.properties)) {
                errors.push(`${p.name}: ${req} is required`);
            }
        }
        for (const [k, v] of Object.entries(c.properties)) {
            const schema = p.configSchema?.properties[k];
            errors.push(...checkType(v, schema, `${p.name}.${k}`));
        }
    }
    if (errors.length > 0) {
        throw new Error(`Invalid policy pack config:\n${errors.join("\n")}`);
    }
    return result;
}

async function configure(config: Record<string, ReconciledPolicyConfig>, stackTags: Record<string, string>): Promise<void> {
    const svc = packService();
    const req = new analyzerproto.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
        const pc = new analyzerproto.PolicyConfig();
        if (c.enforcementLevel) {
            pc.setEnforcementlevel(protoutil.mapEnforcementLevel(c.enforcementLevel));
        }
        pc.setProperties(structproto.Struct.fromJavaScript(c.properties));
        map.set(name, pc);
    }
    await call(svc.configure, req);
    const stackReq = new analyzerproto.AnalyzerStackConfigureRequest();
    for (const [k, v] of Object.entries(stackTags)) {
        stackReq.getTagsMap().set(k, v);
    }
    await call(svc.configureStack, stackReq);
}

/** A protobuf Struct of plain JSON (undefined fields dropped, as on the wire). */
function struct(value: Record<string, unknown>): any {
    return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function options(r: RecordedResource): any {
    const o = new analyzerproto.AnalyzerResourceOptions();
    o.setProtect(r.protect ?? false);
    o.setIgnorechangesList(r.ignoreChanges ?? []);
    if (r.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplace(r.deleteBeforeReplace);
        o.setDeletebeforereplacedefined(true);
    }
    if (r.parent) {
        o.setParent(r.parent);
    }
    return o;
}

/** The explicit provider of a resource (`urn::id`), if it was recorded. */
function provider(r: RecordedResource, byUrn: Map<string, RecordedResource>): any {
    const ref = r.provider;
    const urn = ref ? ref.slice(0, ref.lastIndexOf("::")) : undefined;
    const p = urn ? byUrn.get(urn) : undefined;
    if (!p) {
        return undefined;
    }
    const pr = new analyzerproto.AnalyzerProviderResource();
    pr.setType(p.type);
    pr.setName(p.name);
    pr.setUrn(p.urn);
    pr.setProperties(struct(p.inputs));
    return pr;
}

function collect(resp: any, phase: Diagnostic["phase"], urn: string | undefined, out: AnalyzeResult): void {
    for (const d of resp.getDiagnosticsList()) {
        const message: string = d.getMessage();
        out.diagnostics.push({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            severity: SEVERITIES[d.getSeverity()],
            message,
            description: d.getDescription(),
            urn: d.getUrn() || urn,
            phase,
            skippedDuringPreview: message.startsWith("can't run policy"),
        });
    }
    for (const na of resp.getNotApplicableList()) {
        out.notApplicable.push({ policyName: na.getPolicyName(), reason: na.getReason(), urn });
    }
}

/**
 * Evaluates the pack over `resources` with a `--policy-pack-config` file's content (`{}` for the defaults), as the
 * CLI does during `pulumi preview`/`up`: Configure, Analyze per resource (inputs), AnalyzeStack (outputs).
 */
export function analyze(resources: RecordedResource[], config: PolicyPackConfigFile = {}, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
    return exclusive(async () => {
        const svc = packService();
        const reconciled = reconcileConfig(await getAnalyzerInfo(), config);
        await configure(reconciled, opts.stackTags ?? {});
        const phases = opts.phases ?? ["analyze", "analyzeStack"];
        const out: AnalyzeResult = { diagnostics: [], notApplicable: [], config: reconciled };
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        if (phases.includes("analyze")) {
            for (const r of resources) {
                const req = new analyzerproto.AnalyzeRequest();
                req.setType(r.type);
                req.setName(r.name);
                req.setUrn(r.urn);
                req.setProperties(struct(r.inputs));
                req.setOptions(options(r));
                const prov = provider(r, byUrn);
                if (prov) {
                    req.setProvider(prov);
                }
                collect(await call(svc.analyze, req), "analyze", r.urn, out);
            }
        }
        if (phases.includes("analyzeStack")) {
            const req = new analyzerproto.AnalyzeStackRequest();
            req.setResourcesList(resources.map((r) => {
                const ar = new analyzerproto.AnalyzerResource();
                ar.setType(r.type);
                ar.setName(r.name);
                ar.setUrn(r.urn);
                ar.setProperties(struct(r.outputs));
                ar.setOptions(options(r));
                if (r.parent) {
                    ar.setParent(r.parent);
                }
                ar.setDependenciesList(r.dependencies);
                const deps = ar.getPropertydependenciesMap();
                for (const [k, urns] of Object.entries(r.propertyDependencies)) {
                    const d = new analyzerproto.AnalyzerPropertyDependencies();
                    d.setUrnsList(urns);
                    deps.set(k, d);
                }
                const prov = provider(r, byUrn);
                if (prov) {
                    ar.setProvider(prov);
                }
                return ar;
            }));
            collect(await call(svc.analyzeStack, req), "analyzeStack", undefined, out);
        }
        return out;
    });
}
