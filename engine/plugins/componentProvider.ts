/**
 * Entry of the `pulumi-resource-ecs-fargate` plugin: this package's components served through Construct, as
 * `PulumiPlugin.yaml` (runtime: nodejs) describes them. It does what the SDK's `cmd/run-plugin` does for a source
 * plugin: require the package's `main`, collect its exported ComponentResource classes and serve them with the
 * SDK's `ComponentProvider` (whose GetSchema infers the schema from the TypeScript sources). Two differences:
 * - it runs the compiled package, where run-plugin type-checks every file against the `@pulumi/aws` typings on
 *   each launch (the package is type-checked once, by `tsc --noEmit`);
 * - Construct hands back the outputs the committed `schema.json` declares for the component, the contract the
 *   Python and Go SDKs are generated from, instead of inferring the schema first. The SDK's provider infers it on
 *   the first Construct (about 4 s of TypeScript analysis per launch, so per `up`); GetSchema still infers it, and
 *   tests/provider holds `schema.json` equal to that inference (`npm run schema` rewrites it).
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentResourceOptions, Inputs } from "@pulumi/pulumi";
import { ConstructResult, main } from "@pulumi/pulumi/provider";
import { ComponentProvider, ComponentResourceConstructor, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { REPO_ROOT } from "../workspace";

/** The output names of each component in `schema.json`, by component name (`ecs-fargate:index:<name>`). */
function declaredOutputs(schemaFile: string): Map<string, string[]> {
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as { resources: Record<string, { properties?: Record<string, unknown> }> };
    return new Map(Object.entries(schema.resources).map(([token, r]) => [token.split(":")[2], Object.keys(r.properties ?? {})]));
}

/** The SDK's component provider, with Construct answering from the declared outputs. */
class DeclaredComponentProvider extends ComponentProvider {
    private readonly classes: Map<string, ComponentResourceConstructor>;

    constructor(name: string, components: ComponentResourceConstructor[], private readonly outputs: Map<string, string[]>) {
        super({ name, dirname: REPO_ROOT, components });
        this.classes = new Map(components.map((c) => [c.name, c]));
    }

    async construct(name: string, type: string, inputs: Inputs, options: ComponentResourceOptions): Promise<ConstructResult> {
        ComponentProvider.validateResourceType(this.options.name, type);
        const component = type.split(":")[2];
        const Class = this.classes.get(component);
        const outputs = this.outputs.get(component);
        if (!Class || !outputs) {
            throw new Error(`${type}: this plugin serves ${[...this.classes.keys()].join(", ")}`);
        }
        const instance = new Class(name, inputs, options) as unknown as Record<string, unknown> & { urn: ConstructResult["urn"] };
        return { urn: instance.urn, state: Object.fromEntries(outputs.map((key) => [key, instance[key]])) };
    }
}

const packageJSON: { name: string } = require(path.join(REPO_ROOT, "package.json"));
const components = getPulumiComponents(require(REPO_ROOT));
main(new DeclaredComponentProvider(packageJSON.name, components, declaredOutputs(path.join(REPO_ROOT, "schema.json"))), process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
});
