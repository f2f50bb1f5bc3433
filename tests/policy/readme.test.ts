/** The pack's README lists every policy with its kind, default level and severity, as the pack serves them. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { getAnalyzerInfo } from "../../plan/analyzer";

describe("policy/README.md", () => {
    it("has one table row per policy with the served kind, level and severity", async () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "policy", "README.md"), "utf8");
        const rows = readme.split("\n").filter((l) => /^\| \d+ \| `/.test(l)).map((l) => l.split(" | ").slice(1, 5).join(" | "));
        const served = (await getAnalyzerInfo()).policies.map((p) => `\`${p.name}\` | ${p.policyType} | ${p.enforcementLevel} | ${p.severity}`);
        assert.deepStrictEqual(rows, served);
    });
});
