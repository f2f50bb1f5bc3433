/**
 * Entry of the `pulumi-resource-ecs-fargate` plugin: this package's components served through Construct, as
 * `PulumiPlugin.yaml` (runtime: nodejs) describes them. It does what the SDK's `cmd/run-plugin` does for a source
 * plugin, which requires the package's `main` and serves its ComponentResource classes with the SDK's
 * `ComponentProvider` (whose GetSchema infers the schema from the TypeScript sources), with three differences:
 * - it runs the compiled package, where run-plugin type-checks every file against the `@pulumi/aws` typings on
 *   each launch (the package is type-checked once, by `tsc --noEmit`);
 * - Construct builds the components the committed `schema.json` declares and hands back the outputs it declares
 *   for each, the contract the Python and Go SDKs are generated from, instead of inferring the schema first (the
 *   SDK's provider does on the first Construct: about 4 s of TypeScript analysis per launch, so per `up`);
 * - the SDK's provider, and with it the TypeScript compiler, is loaded for GetSchema only. GetSchema infers the
 *   schema as run-plugin does, and tests/engine/schema.test.ts holds `schema.json` equal to that inference through
 *   the CLI (`npm run schema` rewrites it).
 */
// First: the SDK then loads the TypeScript compiler only if GetSchema asks for it, and npm's installer never.
import "../lazySdkModules";
import * as fs from "fs";
import * as path from "path";
import { ComponentResource, ComponentResourceOptions, Inputs } from "@pulumi/pulumi";
import { ConstructResult, main, Provider } from "@pulumi/pulumi/provider";
import type { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import { leaveSdkBookkeepingUnmapped } from "../stackTraces";
import { REPO_ROOT } from "../workspace";

const PACKAGE: { name: string; version: string } = require(path.join(REPO_ROOT, "package.json"));
const SCHEMA_FILE = path.join(REPO_ROOT, "schema.json");

/** The output names of each component in `schema.json`, by component name (`ecs-fargate:index:<name>`). */
function declaredOutputs(schemaFile: string): Map<string, string[]> {
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as { resources: Record<string, { properties?: Record<string, unknown> }> };
    return new Map(Object.entries(schema.resources).map(([token, r]) => [token.split(":")[2], Object.keys(r.properties ?? {})]));
}

/** The package's exported class of each declared component; throws when the package does not export one. */
function componentClasses(exports: Record<string, unknown>, names: Iterable<string>): Map<string, ComponentResourceConstructor> {
    return new Map([...names].map((name) => {
        const Class = exports[name];
        if (typeof Class !== "function" || !(Class.prototype instanceof ComponentResource)) {
            throw new Error(`schema.json declares the component ${name}, and the package exports no ComponentResource class of that name`);
        }
        return [name, Class as ComponentResourceConstructor];
    }));
}

/**
 * Construct from the declared outputs; GetSchema inferred from the sources by the SDK's component provider, loaded
 * on the first GetSchema only (it loads the TypeScript compiler: about half a second of every launch otherwise).
 */
class DeclaredComponentProvider implements Provider {
    readonly version = PACKAGE.version;
    private inferred?: Promise<string>;

    constructor(
        private readonly name: string,
        private readonly classes: Map<string, ComponentResourceConstructor>,
        private readonly outputs: Map<string, string[]>,
    ) {}

    getSchema(): Promise<string> {
        this.inferred ??= (async () => {
            const { ComponentProvider } = await import("@pulumi/pulumi/provider/experimental");
            return new ComponentProvider({ name: this.name, dirname: REPO_ROOT, components: [...this.classes.values()] }).getSchema();
        })();
        return this.inferred;
    }

    async construct(name: string, type: string, inputs: Inputs, options: ComponentResourceOptions): Promise<ConstructResult> {
        const [pkg, module, component] = type.split(":");
        const Class = this.classes.get(component);
        const outputs = this.outputs.get(component);
        if (pkg !== this.name || (module !== "index" && module !== "") || !Class || !outputs) {
            throw new Error(`${type}: this plugin serves ${[...this.classes.keys()].map((c) => `${this.name}:index:${c}`).join(", ")}`);
        }
        const instance = new Class(name, inputs, options) as unknown as Record<string, unknown> & { urn: ConstructResult["urn"] };
        return { urn: instance.urn, state: Object.fromEntries(outputs.map((key) => [key, instance[key]])) };
    }
}

const outputs = declaredOutputs(SCHEMA_FILE);
const provider = new DeclaredComponentProvider(PACKAGE.name, componentClasses(require(REPO_ROOT), outputs.keys()), outputs);
main(provider, process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
});
leaveSdkBookkeepingUnmapped(); // after main, which installs source-map-support before its first await
