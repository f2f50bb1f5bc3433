/**
 * Writes `schema.json`: the package schema exactly as our provider plugin answers `GetSchema`, inferred from the
 * components' TypeScript types by `@pulumi/pulumi`'s component provider host (the same `ComponentProvider`,
 * fed the same exported classes and provider name that `cmd/run-plugin` finds). Run with `npm run schema` after
 * changing a component's args or outputs; a provider test fails while the committed file is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";

const root = path.resolve(__dirname, "..");

/** The provider name `cmd/run-plugin` derives from package.json's name (scope dropped, odd characters dashed). */
export function providerName(packageName: string): { name: string; namespace?: string } {
    const match = /^(@(.*?)\/)?(.+)$/.exec(packageName);
    if (!match) {
        throw new Error(`package.json name ${packageName} is not a package name`);
    }
    return { name: match[3].replace(/[^-a-zA-Z0-9_]/g, "-"), namespace: match[2] };
}

/** Infers the schema of the package in `dir` and returns it as pretty-printed JSON text. */
export async function inferSchema(dir: string): Promise<string> {
    const packageJson = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const components = getPulumiComponents(require(path.join(dir, packageJson.main)));
    const { name, namespace } = providerName(packageJson.name);
    const provider = new ComponentProvider({ name, namespace, dirname: dir, components });
    const schema = JSON.parse(await provider.getSchema());
    return `${JSON.stringify(schema, null, 2)}\n`;
}

async function main(): Promise<void> {
    const text = await inferSchema(root);
    const target = path.join(root, "schema.json");
    fs.writeFileSync(target, text);
    const schema = JSON.parse(text);
    console.log(`wrote ${path.relative(process.cwd(), target)}: ${Object.keys(schema.resources).length} components, ${Object.keys(schema.types).length} types`);
}

if (require.main === module) {
    main().catch((err) => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
    });
}
