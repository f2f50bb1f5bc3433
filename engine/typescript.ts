/**
 * Lets `require` load a project's TypeScript program as Pulumi's Node.js language host does (`runtime.options
 * .typescript`, on by default; `@pulumi/pulumi`'s cmd/run): with the project's own ts-node and TypeScript when it
 * has them, else the ones `@pulumi/pulumi` vendors (ts-node 7.0.1, TypeScript 3.8.3; Pulumi's TypeScript template
 * lists `typescript` but not ts-node), with the project's tsconfig.json (and its `ts-node` options, such as this
 * repository's SWC transpiler), transpile-only: type errors are `tsc`'s to report. The package itself is JavaScript and needs none of it. Nothing happens when `.ts` files load already
 * (ts-node registered, as in this repository's tests) or the program is JavaScript.
 */
import * as fs from "fs";
import * as path from "path";
import { leaveSdkBookkeepingUnmapped } from "./stackTraces";

/** Where `id` resolves from the project's folder, if it does. */
function fromProject(projectDir: string, id: string): string | undefined {
    try {
        return require.resolve(id, { paths: [projectDir] });
    } catch {
        return undefined;
    }
}

/** Registers TypeScript for `program`; throws, saying what to install, when the project has no way to compile it. */
export function registerTypeScript(projectDir: string, program: string): void {
    if (!/\.[cm]?tsx?$/.test(program) || require.extensions[".ts"] !== undefined) {
        return;
    }
    const sdk = fromProject(projectDir, "@pulumi/pulumi/package.json");
    const vendor = sdk && path.join(path.dirname(sdk), "vendor");
    const tsNode = fromProject(projectDir, "ts-node") ?? (vendor && path.join(vendor, "ts-node@7.0.1"));
    const compiler = fromProject(projectDir, "typescript") ?? (vendor && path.join(vendor, "typescript@3.8.3", "typescript.js"));
    if (!tsNode || !compiler || !fs.existsSync(tsNode) || !fs.existsSync(compiler)) {
        throw new Error(`the program ${path.relative(projectDir, program) || program} is TypeScript, and neither ts-node nor @pulumi/pulumi is installed in ${projectDir}; `
            + "run npm install there (or npm install --save-dev ts-node typescript), or point `main` in Pulumi.yaml at the compiled JavaScript");
    }
    const tsconfig = path.join(projectDir, "tsconfig.json");
    require(tsNode).register({
        transpileOnly: true,
        compiler,
        ...(fs.existsSync(tsconfig) ? { project: tsconfig } : { skipProject: true, compilerOptions: { target: "ES2020", module: "commonjs" } }),
    });
    leaveSdkBookkeepingUnmapped(); // ts-node maps every trace; the SDK's one per promise need not be
}
