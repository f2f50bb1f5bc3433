import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildPlan } from "../plan/plan";
import { range, usd } from "../plan/format";
import { renderReadme } from "../tools/docs";

/** The README's cells of the row whose first cell is `label`, in the first table that has one. */
function row(readme: string, label: string): string[] {
    const line = readme.split("\n").find((l) => l.startsWith(`| ${label} |`));
    assert.ok(line, `the README has a table row "${label}"`);
    return line.split("|").slice(2, -1).map((cell) => cell.trim());
}

describe("README", () => {
    const readme = fs.readFileSync("README.md", "utf8");

    it("documents every argument and output exactly as schema.json does (run `npm run docs` after changing args)", () => {
        const schema = JSON.parse(fs.readFileSync("schema.json", "utf8"));
        assert.equal(readme, renderReadme(readme, schema));
    });

    it("quotes the offline plan's figures for dev and prod: resources, monthly cost, fresh and rolling deploy times", async function () {
        this.timeout(60_000);
        // The README's tables have a dev column, then a prod column.
        for (const [column, stack] of ["dev", "prod"].entries()) {
            const { plan } = await buildPlan({ projectDir: path.resolve(__dirname, ".."), stack });
            assert.equal(row(readme, "resources")[column], String(plan.resources.length), `${stack} resources`);
            assert.ok(row(readme, "monthly cost (offline plan)")[column].startsWith(`${usd(plan.cost.totalMonthlyUsd)} `), `${stack} cost`);
            assert.equal(row(readme, "fresh `pulumi up`")[column], range(plan.deployTime.fresh.lowS, plan.deployTime.fresh.highS), `${stack} fresh up`);
            const [rolling] = plan.deployTime.rollingUpdates;
            assert.ok(row(readme, "rolling update of the service")[column].startsWith(`${range(rolling.rolloutLowS, rolling.rolloutHighS)} `),
                `${stack} rolling update`);
        }
    });
});
