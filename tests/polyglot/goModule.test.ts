/**
 * The Go SDK's module path, `github.com/<owner>/<name>/sdk/go` with the package `…/sdk/go/ecsfargate`, comes from
 * one place: package.json's `repository` (tools/sdkgen reads it). Everything else that names it must agree: the
 * committed sdk/go/go.mod, examples/go (which reaches the local checkout through a `replace` only), the README's
 * `go get` line. No other owner appears anywhere.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** `github.com/<owner>/<name>` from package.json's repository. */
function repository(): string {
    const match = /github\.com[/:]([^/]+)\/(.+?)(\.git)?$/.exec(PACKAGE.repository.url);
    assert.ok(match, `package.json repository ${PACKAGE.repository.url} is a GitHub URL`);
    return `github.com/${match[1]}/${match[2]}`;
}

describe("the Go SDK's module path", () => {
    const repo = repository();
    const module = `${repo}/sdk/go`;

    it("is the module of the committed sdk/go/go.mod", () => {
        assert.match(read("sdk/go/go.mod"), new RegExp(`^module ${module}$`, "m"));
    });

    it("is what examples/go requires, with a replace to the checkout's sdk/go and no other replace", () => {
        const goMod = read("examples/go/go.mod");
        assert.match(goMod, new RegExp(`^\\t${module} v${PACKAGE.version}$`, "m"));
        assert.deepEqual(goMod.match(/^replace .*$/gm), [`replace ${module} => ../../sdk/go`]);
        const goFiles = execFileSync("git", ["ls-files", "examples/go/*.go", "examples/go/**/*.go"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
        assert.ok(goFiles.some((f) => new RegExp(`^\\t"${module}/ecsfargate"$`, "m").test(read(f))), `a Go file of examples/go imports ${module}/ecsfargate`);
    });

    it("is what the README tells a Go user to `go get`, at package.json's version", () => {
        assert.ok(read("README.md").includes(`go get ${module}@v${PACKAGE.version}`), `README: go get ${module}@v${PACKAGE.version}`);
    });

    it("has its owner in package.json only: no file names another owner of the repository, or the old example.com path", () => {
        const files = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => f && !f.endsWith(".sum") && !f.endsWith("package-lock.json"));
        const others = files.flatMap((f) => {
            const text = fs.existsSync(path.join(ROOT, f)) ? fs.readFileSync(path.join(ROOT, f), "utf8") : "";
            const owners = [...text.matchAll(/github\.com\/([A-Za-z0-9-]+)\/ecs-fargate\b/g)].filter((m) => `github.com/${m[1]}/ecs-fargate` !== repo);
            return [...owners, ...text.matchAll(/example\.com\/pulumi-ecs-fargate/g)].map((m) => `${f}: ${m[0]}`);
        });
        assert.deepEqual(others, []);
    });
});
