/**
 * The component plugin as the CLI sees it: `pulumi package get-schema` launches
 * engine/bin/pulumi-resource-ecs-fargate and asks it for its schema (GetSchema), inferred from the TypeScript
 * sources by the SDK's component provider host. The CLI prints the schema as its own schema package writes it:
 * without the SDK's `optional` markers and empty `required` lists, and with an empty `config`.
 */
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { BUILT_CLI_ROOT, PLUGIN_BIN, PROJECT_DIR_ENV, REPO_ROOT } from "../../engine/workspace";
import { requireCli, scratch } from "./helpers";

/** The schema as the CLI's schema package writes it (what it drops carries no information). */
function asTheCliWritesIt(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(asTheCliWritesIt);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const kept = Object.entries(value as Record<string, unknown>)
        .filter(([k, v]) => k !== "optional" && !(Array.isArray(v) && v.length === 0 && ["required", "requiredInputs", "dependencies"].includes(k)));
    return Object.fromEntries(kept.map(([k, v]) => [k, asTheCliWritesIt(v)]));
}

describe("the component plugin through the real CLI", function () {
    this.timeout(180_000);
    before(requireCli);

    it("serves exactly the committed schema.json (run `npm run schema` when this fails)", async () => {
        const home = scratch("schema");
        const { stdout } = await promisify(execFile)(path.join(BUILT_CLI_ROOT, "bin", "pulumi"),
            ["package", "get-schema", path.join(PLUGIN_BIN, "pulumi-resource-ecs-fargate")], {
                cwd: home,
                maxBuffer: 64 * 1024 * 1024,
                env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true", [PROJECT_DIR_ENV]: REPO_ROOT },
            });
        const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8"));
        assert.deepStrictEqual(JSON.parse(stdout), { ...(asTheCliWritesIt(committed) as object), config: {} });
    });
});
