/**
 * A provider plugin process, launched and spoken to exactly as the Pulumi engine does for a source-based
 * Node.js component package (`PulumiPlugin.yaml` with `runtime: nodejs`):
 * `node <@pulumi/pulumi>/cmd/run-plugin <pluginDir> <engineAddress>`, which prints the port it serves the
 * `ResourceProvider` gRPC service on.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provgrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { structToPlain } from "./engineProtocol";

/** The directory of the installed `@pulumi/pulumi` SDK. */
export const PULUMI_SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** How long a plugin may take to print its port (it compiles the package with ts-node first). */
const LAUNCH_TIMEOUT_MS = 90_000;

/** What `Configure` answered: which wire features the provider accepts in `Construct` inputs. */
export interface ProviderCapabilities {
    acceptSecrets: boolean;
    acceptResources: boolean;
    acceptOutputs: boolean;
}

function unary<Req, Resp>(client: grpc.Client, method: string, request: Req): Promise<Resp> {
    return new Promise((resolve, reject) => {
        (client as any)[method](request, (err: grpc.ServiceError | null, resp: Resp) => (err ? reject(err) : resolve(resp)));
    });
}

/** A running provider plugin and a gRPC client to it. */
export class ProviderPlugin {
    private stderrText = "";
    private exited: Promise<number | null>;

    private constructor(
        /** The package directory the plugin was launched for. */
        readonly pluginDir: string,
        /** `127.0.0.1:<port>` where the plugin serves `ResourceProvider`. */
        readonly address: string,
        private readonly child: ChildProcess,
        private readonly client: provgrpc.ResourceProviderClient,
        stderrSoFar: string,
    ) {
        this.stderrText = stderrSoFar;
        child.stderr?.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString()));
        this.exited = new Promise((resolve) => {
            if (child.exitCode !== null) {
                resolve(child.exitCode);
            } else {
                child.once("exit", (code) => resolve(code));
            }
        });
    }

    /**
     * Launches the plugin of the package in `pluginDir` as the engine does, with `engineAddress` (where the
     * plugin sends its logs) as its one argument, and waits for the port it prints.
     */
    static launch(pluginDir: string, engineAddress: string, env: NodeJS.ProcessEnv = {}): Promise<ProviderPlugin> {
        const runPlugin = path.join(PULUMI_SDK_DIR, "cmd", "run-plugin");
        const child = spawn(process.execPath, [runPlugin, pluginDir, engineAddress], {
            cwd: pluginDir,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        return new Promise((resolve, reject) => {
            let stdout = "";
            let stderr = "";
            const fail = (why: string) => {
                clearTimeout(timer);
                child.kill();
                reject(new Error(`provider plugin in ${pluginDir} ${why}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
            };
            const timer = setTimeout(() => fail(`printed no port within ${LAUNCH_TIMEOUT_MS / 1000} s`), LAUNCH_TIMEOUT_MS);
            const onStderr = (chunk: Buffer) => (stderr += chunk.toString());
            child.stderr.on("data", onStderr);
            child.once("exit", (code) => fail(`exited with code ${code} before printing its port`));
            child.once("error", (err) => fail(`could not start: ${err.message}`));
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const match = /^(\d+)\s*$/m.exec(stdout);
                if (!match) {
                    return;
                }
                clearTimeout(timer);
                child.removeAllListeners("exit");
                child.removeAllListeners("error");
                child.stderr.off("data", onStderr);
                const address = `127.0.0.1:${match[1]}`;
                const client = new provgrpc.ResourceProviderClient(address, grpc.credentials.createInsecure());
                resolve(new ProviderPlugin(pluginDir, address, child, client, stderr));
            });
        });
    }

    /** Everything the plugin wrote to stderr so far. */
    get stderr(): string {
        return this.stderrText;
    }

    /** The plugin's version, from `GetPluginInfo`. */
    async getPluginInfo(): Promise<{ version: string }> {
        const resp = await unary<Empty, any>(this.client, "getPluginInfo", new Empty());
        return { version: resp.getVersion() };
    }

    /** The package schema, from `GetSchema` (version 0), as the JSON text the plugin returned. */
    async getSchema(): Promise<string> {
        const req = new provproto.GetSchemaRequest();
        req.setVersion(0);
        const resp = await unary<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(this.client, "getSchema", req);
        return resp.getSchema();
    }

    /** `Configure`, as the engine sends it before the first `Construct`. */
    async configure(variables: Record<string, string> = {}): Promise<ProviderCapabilities> {
        const req = new provproto.ConfigureRequest();
        for (const [key, value] of Object.entries(variables)) {
            req.getVariablesMap().set(key, value);
        }
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        const resp = await unary<provproto.ConfigureRequest, provproto.ConfigureResponse>(this.client, "configure", req);
        return { acceptSecrets: resp.getAcceptsecrets(), acceptResources: resp.getAcceptresources(), acceptOutputs: resp.getAcceptoutputs() };
    }

    /** `Construct` with a request the engine built; answers the component's URN, state and state dependencies. */
    async construct(req: provproto.ConstructRequest): Promise<{ urn: string; state: Record<string, unknown>; stateDependencies: Record<string, string[]> }> {
        const resp = await unary<provproto.ConstructRequest, provproto.ConstructResponse>(this.client, "construct", req);
        const stateDependencies: Record<string, string[]> = {};
        resp.getStatedependenciesMap().forEach((deps, key) => {
            stateDependencies[key] = deps.getUrnsList();
        });
        return { urn: resp.getUrn(), state: structToPlain(resp.getState()), stateDependencies };
    }

    /** Closes the client and ends the plugin process (the engine's way: it kills its plugins when done). */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            this.child.kill();
        }
        await this.exited;
    }
}
