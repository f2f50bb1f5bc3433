/**
 * The real entry point: the pack folder as `pulumi preview --policy-pack policy` starts it (Node's
 * `@pulumi/pulumi/cmd/run-policy-pack <engine> <folder>` in the folder, which loads its package.json `main`, the
 * compiled `dist/index.js` of `npm run build`, and prints its gRPC port), queried over gRPC. It must serve what the
 * in-process runner sees.
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { getAnalyzerInfo } from "../../plan/analyzer";

const grpc = require("@grpc/grpc-js");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const { EnforcementLevel } = require("@pulumi/pulumi/proto/analyzer_pb");
const LEVEL_NAMES: Record<number, string> = Object.fromEntries(Object.entries(EnforcementLevel).map(([k, v]) => [v as number, k.toLowerCase()]));

function startPack(): Promise<{ child: ChildProcess; port: number }> {
    const policyDir = path.join(__dirname, "..", "..", "policy");
    const runPolicyPack = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
    // No engine listens at the address: the pack only logs to it.
    const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", "."], { cwd: policyDir, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (d) => {
            out += d;
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) {
                resolve({ child, port: Number(m[1]) });
            }
        });
        child.stderr!.on("data", (d) => (err += d));
        child.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${err}`)));
    });
}

describe("the policy pack folder served over gRPC", function () {
    this.timeout(60000);
    let child: ChildProcess | undefined;

    after(() => {
        child?.kill();
    });

    it("answers GetAnalyzerInfo with the same 61 policies and levels as the in-process runner", async () => {
        const started = await startPack();
        child = started.child;
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
        const info: any = await new Promise((resolve, reject) =>
            client.getAnalyzerInfo(new emptyproto.Empty(), (e: unknown, r: unknown) => (e ? reject(e) : resolve(r))));
        client.close();
        const served = info.getPoliciesList().map((p: any) => [p.getName(), LEVEL_NAMES[p.getEnforcementlevel()]]);
        const inProcess = await getAnalyzerInfo();
        assert.strictEqual(info.getName(), inProcess.name);
        assert.strictEqual(info.getVersion(), inProcess.version);
        assert.strictEqual(served.length, 61);
        assert.deepStrictEqual(served, inProcess.policies.map((p) => [p.name, p.enforcementLevel]));
    });
});
