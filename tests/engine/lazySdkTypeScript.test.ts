/**
 * engine/lazySdkTypeScript.ts, compiled as the component plugin runs it, in processes of their own (this one loaded
 * the SDK long ago): the SDK loads without the TypeScript compiler, and the compiler still arrives the moment the
 * SDK serializes a function.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../../engine/workspace";

const COMPILED = path.join(REPO_ROOT, "dist", "engine", "lazySdkTypeScript.js");

/** Loads the SDK in a new Node process (first the module, if `deferred`) and serializes a function with it. */
function inNewProcess(deferred: boolean): { withSdk: boolean; afterSerializing: boolean; serialized: boolean } {
    const script = `
const compiler = (f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$|[\\\\/]typescript@[\\d.]+[\\\\/]typescript\\.js$/.test(f);
${deferred ? `require(${JSON.stringify(COMPILED)});` : ""}
const pulumi = require("@pulumi/pulumi");
const withSdk = Object.keys(require.cache).some(compiler);
pulumi.runtime.serializeFunction(() => 6 * 7).then((r) => {
    const afterSerializing = Object.keys(require.cache).some(compiler);
    console.log(JSON.stringify({ withSdk, afterSerializing, serialized: /6 \\* 7/.test(r.text) }));
});`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" }).trim().split("\n").pop()!);
}

describe("the SDK's TypeScript compiler, loaded on first use (engine/lazySdkTypeScript.ts)", function () {
    this.timeout(60_000);

    it("is loaded with the SDK in a plain process, and not until a function is serialized in one that imports the module first", () => {
        assert.deepStrictEqual(inNewProcess(false), { withSdk: true, afterSerializing: true, serialized: true });
        assert.deepStrictEqual(inNewProcess(true), { withSdk: false, afterSerializing: true, serialized: true });
    });
});
