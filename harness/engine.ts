/**
 * A test engine: the `ResourceMonitor` and `Engine` gRPC services of Pulumi, served on 127.0.0.1 from the stubs
 * `@pulumi/pulumi` ships, in front of the one simulated AWS (`./simulator`). Programs in any language and provider
 * plugins register resources with it exactly as they do with the real engine; it records every registration as a
 * `RecordedResource`, answers invokes, keeps the log, and forwards remote component registrations to the
 * provider plugin of their package through `Construct`, so the plugin's children register back here.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as enggrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as resgrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import { makeUrn, plainToStruct, ROOT_STACK_TYPE, structToPlain, SUPPORTED_FEATURES } from "./engineProtocol";
import { ProviderPlugin } from "./providerPlugin";
import { Deployment, DeploymentOptions, LogEntry } from "./deployment";
import { simulateInvoke, simulateResource } from "../sim/simulator";
import { RecordedResource, recordedOptions } from "../sim/types";

/** A component to construct through a provider plugin, as the engine does for a remote registration. */
export interface ConstructArgs {
    /** The component's type token, `<package>:index:<Class>`; the package picks the plugin. */
    type: string;
    name: string;
    /** Inputs in wire-plain form: output values, secrets and unknowns as the SDKs send them. */
    inputs: Record<string, unknown>;
    /** For each input, the URNs it depends on. */
    inputDependencies?: Record<string, string[]>;
    /** The parent's URN; defaults to the deployment's stack, when one was registered. */
    parent?: string;
    dependencies?: string[];
    /** Package name → provider reference (`urn::id`). */
    providers?: Record<string, string>;
}

/** What `Construct` answered. */
export interface ConstructResult {
    urn: string;
    /** The component's outputs in wire-plain form. */
    state: Record<string, unknown>;
    stateDependencies: Record<string, string[]>;
}

const SEVERITIES: Record<number, LogEntry["severity"]> = {
    [engproto.LogSeverity.DEBUG]: "debug",
    [engproto.LogSeverity.INFO]: "info",
    [engproto.LogSeverity.WARNING]: "warning",
    [engproto.LogSeverity.ERROR]: "error",
};

const FEATURE_ENUM: Record<string, resproto.ResourceMonitorFeature> = {
    secrets: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS,
    resourceReferences: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
    outputValues: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES,
    aliasSpecs: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
    deletedWith: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
};

type Callback = (err: grpc.ServiceError | Error | null, resp?: unknown) => void;

function grpcError(code: grpc.status, message: string): grpc.ServiceError {
    return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() });
}

/** The test engine's gRPC server and the provider plugins it forwards remote components to. */
export class TestEngine {
    private deployment?: Deployment;
    private readonly plugins = new Map<string, ProviderPlugin>();
    private readonly configured = new Set<ProviderPlugin>();

    private constructor(
        private readonly server: grpc.Server,
        /** `127.0.0.1:<port>`: both the monitor and the engine address. */
        readonly address: string,
    ) {}

    /** Starts the services on an ephemeral port of 127.0.0.1. */
    static async start(): Promise<TestEngine> {
        const server = new grpc.Server();
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
        );
        const engine = new TestEngine(server, `127.0.0.1:${port}`);
        server.addService(resgrpc.ResourceMonitorService, engine.monitorHandlers() as unknown as grpc.UntypedServiceImplementation);
        server.addService(enggrpc.EngineService, engine.engineHandlers() as unknown as grpc.UntypedServiceImplementation);
        return engine;
    }

    /** Sends remote registrations of `packageName:*` types to this plugin's `Construct`. */
    useProvider(packageName: string, plugin: ProviderPlugin): void {
        this.plugins.set(packageName, plugin);
    }

    /** Starts a new deployment; everything registered from now on is recorded in it. */
    begin(options: DeploymentOptions): Deployment {
        this.deployment = new Deployment({
            project: options.project,
            stack: options.stack,
            preview: options.preview ?? false,
            config: options.config ?? {},
            configSecretKeys: options.configSecretKeys ?? [],
            organization: options.organization ?? "organization",
        });
        return this.deployment;
    }

    /** The deployment in progress. */
    get current(): Deployment {
        if (!this.deployment) {
            throw new Error("no deployment in progress: call engine.begin(...) first");
        }
        return this.deployment;
    }

    /**
     * Constructs a component through its package's provider plugin, within the current deployment, exactly as the
     * engine does for a remote registration: `Configure` once per plugin, then `Construct` with this engine as
     * the monitor, so the component and its children register here.
     */
    async construct(args: ConstructArgs): Promise<ConstructResult> {
        const deployment = this.current;
        const packageName = args.type.split(":")[0];
        const plugin = this.plugins.get(packageName);
        if (!plugin) {
            throw new Error(`no provider plugin for package ${packageName} (type ${args.type}); call engine.useProvider first`);
        }
        if (!this.configured.has(plugin)) {
            await plugin.configure();
            this.configured.add(plugin);
        }
        const { project, stack, preview, config, configSecretKeys, organization } = deployment.options;
        const req = new provproto.ConstructRequest();
        req.setProject(project);
        req.setStack(stack);
        req.setOrganization(organization);
        req.setDryrun(preview);
        req.setParallel(16);
        req.setMonitorendpoint(this.address);
        for (const [key, value] of Object.entries(config)) {
            req.getConfigMap().set(key, value);
        }
        req.setConfigsecretkeysList(configSecretKeys);
        req.setType(args.type);
        req.setName(args.name);
        req.setParent(args.parent ?? deployment.rootUrn ?? "");
        req.setInputs(plainToStruct(args.inputs));
        for (const [key, urns] of Object.entries(args.inputDependencies ?? {})) {
            const deps = new provproto.ConstructRequest.PropertyDependencies();
            deps.setUrnsList(urns);
            req.getInputdependenciesMap().set(key, deps);
        }
        req.setDependenciesList(args.dependencies ?? []);
        for (const [pkg, ref] of Object.entries(args.providers ?? {})) {
            req.getProvidersMap().set(pkg, ref);
        }
        req.setAcceptsOutputValues(true);
        return plugin.construct(req);
    }

    /** Stops the services (plugins are the caller's to stop). */
    async stop(): Promise<void> {
        await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    }

    private record(resource: RecordedResource): void {
        const deployment = this.current;
        if (deployment.byUrn(resource.urn)) {
            throw new Error(`Duplicate resource URN '${resource.urn}'; try giving it a unique name`);
        }
        deployment.resources.push(resource);
    }

    private async registerResource(req: resproto.RegisterResourceRequest): Promise<resproto.RegisterResourceResponse> {
        const deployment = this.current;
        const { project, stack } = deployment.options;
        const type = req.getType();
        const name = req.getName();
        const parent = req.getParent() || undefined;
        const inputs = structToPlain(req.getObject());
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const resp = new resproto.RegisterResourceResponse();

        if (req.getRemote() && !req.getCustom()) {
            const providers: Record<string, string> = {};
            req.getProvidersMap().forEach((ref, pkg) => (providers[pkg] = ref));
            const result = await this.construct({
                type, name, inputs, inputDependencies: propertyDependencies, parent: parent ?? "", dependencies: req.getDependenciesList(), providers,
            });
            resp.setUrn(result.urn);
            resp.setObject(plainToStruct(result.state));
            for (const [key, urns] of Object.entries(result.stateDependencies)) {
                const deps = new resproto.RegisterResourceResponse.PropertyDependencies();
                deps.setUrnsList(urns);
                resp.getPropertydependenciesMap().set(key, deps);
            }
            return resp;
        }

        const urn = makeUrn(stack, project, type, name, parent);
        const custom = req.getCustom();
        const simulated = custom ? simulateResource(type, name, inputs, deployment.simulation) : undefined;
        this.record({
            urn,
            type,
            name,
            custom,
            parent,
            id: simulated ? simulated.id || undefined : undefined,
            inputs,
            outputs: simulated ? simulated.outputs : {},
            propertyDependencies,
            ...recordedOptions(req),
        });
        resp.setUrn(urn);
        resp.setId(simulated?.id ?? "");
        resp.setObject(plainToStruct(simulated ? simulated.outputs : {}));
        return resp;
    }

    private readResource(req: resproto.ReadResourceRequest): resproto.ReadResourceResponse {
        const deployment = this.current;
        const { project, stack } = deployment.options;
        const parent = req.getParent() || undefined;
        const urn = makeUrn(stack, project, req.getType(), req.getName(), parent);
        const inputs = structToPlain(req.getProperties());
        const simulated = simulateResource(req.getType(), req.getName(), inputs, { ...deployment.simulation, preview: false });
        const outputs = { ...simulated.outputs };
        this.record({
            urn, type: req.getType(), name: req.getName(), custom: true, parent, id: req.getId(), inputs, outputs,
            propertyDependencies: {}, dependencies: req.getDependenciesList(), provider: req.getProvider() || undefined,
        });
        const resp = new resproto.ReadResourceResponse();
        resp.setUrn(urn);
        resp.setProperties(plainToStruct(outputs));
        return resp;
    }

    private monitorHandlers(): Record<string, (call: any, callback: Callback) => void> {
        const answer = <T>(callback: Callback, work: () => T | Promise<T>) => {
            Promise.resolve()
                .then(work)
                .then((resp) => callback(null, resp))
                .catch((err: Error) => callback(grpcError(grpc.status.UNKNOWN, err.message)));
        };
        return {
            supportsFeature: (call, callback) =>
                answer(callback, () => {
                    const resp = new resproto.SupportsFeatureResponse();
                    resp.setHassupport(SUPPORTED_FEATURES.includes(call.request.getId()));
                    return resp;
                }),
            getDeploymentInfo: (_call, callback) =>
                answer(callback, () => {
                    const { project, stack, organization, preview, config, configSecretKeys } = this.current.options;
                    const info = new resproto.DeploymentInfo();
                    info.setProject(project);
                    info.setStack(stack);
                    info.setOrganization(organization);
                    info.setDryrun(preview);
                    info.setParallel(16);
                    for (const [key, value] of Object.entries(config)) {
                        info.getConfigMap().set(key, value);
                    }
                    info.setConfigsecretkeysList(configSecretKeys);
                    info.setSupportedfeaturesList(SUPPORTED_FEATURES.map((f) => FEATURE_ENUM[f]));
                    return info;
                }),
            registerResource: (call, callback) => answer(callback, () => this.registerResource(call.request)),
            registerResourceOutputs: (call, callback) =>
                answer(callback, () => {
                    const recorded = this.current.byUrn(call.request.getUrn());
                    if (!recorded) {
                        throw new Error(`RegisterResourceOutputs for unknown resource ${call.request.getUrn()}`);
                    }
                    recorded.outputs = structToPlain(call.request.getOutputs());
                    return new Empty();
                }),
            readResource: (call, callback) => answer(callback, () => this.readResource(call.request)),
            invoke: (call, callback) =>
                answer(callback, () => {
                    const result = simulateInvoke(call.request.getTok(), structToPlain(call.request.getArgs()), this.current.simulation);
                    const resp = new resproto.ResourceInvokeResponse();
                    resp.setReturn(plainToStruct(result));
                    return resp;
                }),
            registerPackage: (call, callback) =>
                answer(callback, () => {
                    const resp = new resproto.RegisterPackageResponse();
                    resp.setRef(`${call.request.getName()}@${call.request.getVersion()}`);
                    return resp;
                }),
            signalAndWaitForShutdown: (_call, callback) => answer(callback, () => new Empty()),
        };
    }

    private engineHandlers(): Record<string, (call: any, callback: Callback) => void> {
        return {
            log: (call, callback) => {
                const req: engproto.LogRequest = call.request;
                this.deployment?.logs.push({ severity: SEVERITIES[req.getSeverity()] ?? "info", message: req.getMessage(), urn: req.getUrn() || undefined });
                callback(null, new Empty());
            },
            getRootResource: (_call, callback) => {
                const resp = new engproto.GetRootResourceResponse();
                resp.setUrn(this.deployment?.rootUrn ?? "");
                callback(null, resp);
            },
            setRootResource: (call, callback) => {
                this.current.rootUrn = call.request.getUrn();
                callback(null, new engproto.SetRootResourceResponse());
            },
            requirePulumiVersion: (_call, callback) => callback(null, new engproto.RequirePulumiVersionResponse()),
        };
    }
}

export { Deployment, DeploymentOptions, LogEntry } from "./deployment";
export { ProviderPlugin } from "./providerPlugin";
export { outputValue, secret } from "./engineProtocol";
export { ROOT_STACK_TYPE };
