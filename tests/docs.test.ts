import { strict as assert } from "assert";
import * as fs from "fs";
import { renderReadme } from "../tools/docs";

describe("README", () => {
    it("documents every argument and output exactly as schema.json does (run `npm run docs` after changing args)", () => {
        const readme = fs.readFileSync("README.md", "utf8");
        const schema = JSON.parse(fs.readFileSync("schema.json", "utf8"));
        assert.equal(readme, renderReadme(readme, schema));
    });
});
