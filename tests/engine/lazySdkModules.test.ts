/**
 * engine/lazySdkModules.ts, compiled as the driver, the component plugin and the policy pack run it, in processes
 * of their own (this one loaded the SDK long ago): the SDK loads without the TypeScript compiler and npm's
 * installer, and each still arrives, and works, the moment the SDK needs it.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../engine/workspace";
import { scratch } from "./helpers";

const COMPILED = path.join(REPO_ROOT, "dist", "engine", "lazySdkModules.js");

interface Loaded {
    typescript: boolean;
    arborist: boolean;
}

interface Observed {
    withSdk: Loaded;
    afterSerializing: Loaded;
    afterCodePaths: Loaded;
    serialized: boolean;
    codePaths: string[];
}

/**
 * In a new Node process in `project` (first the module, if `deferred`): loads the SDK, serializes a function,
 * then computes the code paths of the project, noting after each step which of the two modules are loaded.
 */
function inNewProcess(project: string, deferred: boolean): Observed {
    const script = `
const loaded = () => {
    const files = Object.keys(require.cache);
    return {
        typescript: files.some((f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$|[\\\\/]typescript@[\\d.]+[\\\\/]typescript\\.js$/.test(f)),
        arborist: files.some((f) => /[\\\\/]@npmcli[\\\\/]arborist[\\\\/]lib[\\\\/]arborist[\\\\/]index\\.js$/.test(f)),
    };
};
${deferred ? `require(${JSON.stringify(COMPILED)});` : ""}
const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [${JSON.stringify(REPO_ROOT)}] }));
const withSdk = loaded();
(async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => 6 * 7);
    const afterSerializing = loaded();
    const codePaths = await pulumi.runtime.computeCodePaths();
    console.log(JSON.stringify({
        withSdk, afterSerializing, afterCodePaths: loaded(),
        serialized: /6 \\* 7/.test(serialized.text),
        codePaths: [...codePaths.keys()].sort(),
    }));
})();`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n").pop()!);
}

/** A project with one installed dependency, which computeCodePaths finds through npm's installer. */
function projectWithDependency(): string {
    const project = scratch("lazy-sdk");
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", dependencies: { dep: "1.0.0" } }));
    fs.mkdirSync(path.join(project, "node_modules", "dep"), { recursive: true });
    fs.writeFileSync(path.join(project, "node_modules", "dep", "package.json"), JSON.stringify({ name: "dep", version: "1.0.0" }));
    fs.writeFileSync(path.join(project, "node_modules", "dep", "index.js"), "module.exports = 42;\n");
    return project;
}

describe("the SDK's TypeScript compiler and npm's installer, loaded on first use (engine/lazySdkModules.ts)", function () {
    this.timeout(60_000);

    it("are loaded with the SDK in a plain process, and in one that imports the module first only when the SDK uses them, with the same results", () => {
        const project = projectWithDependency();
        const plain = inNewProcess(project, false);
        const deferred = inNewProcess(project, true);
        const both = { typescript: true, arborist: true };
        assert.deepStrictEqual(plain, { withSdk: both, afterSerializing: both, afterCodePaths: both, serialized: true, codePaths: ["node_modules/dep"] });
        assert.deepStrictEqual(deferred, {
            withSdk: { typescript: false, arborist: false },
            afterSerializing: { typescript: true, arborist: false },
            afterCodePaths: both,
            serialized: true,
            codePaths: ["node_modules/dep"],
        });
    });
});
