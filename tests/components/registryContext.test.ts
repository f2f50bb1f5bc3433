/**
 * The content tag against the Docker provider's own rebuild decision: `@pulumi/docker` 5.x rebuilds (and pushes)
 * when its context digest changes, and the digest covers each file's mode and each symlink's target, reads
 * `<Dockerfile>.dockerignore` before `.dockerignore`, and applies the patterns as moby/patternmatcher does. Every
 * test builds its context in a temporary folder.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { contextDigest, contextEntries } from "../../components/buildContext";
import { parseDockerignore } from "../../components/dockerignore";
import { goClean, goEvalSymlinks, goFileMode, goFileModeString } from "../../components/goPaths";
import { contentTag, validateRegistryArgs } from "../../components/registryBuilders";

type Entry = string | { text: string; mode: number } | { link: string };

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh folder holding `files` (text, text with a mode, or a symlink), returned as an absolute path. */
function tree(files: Record<string, Entry>, parent?: string): string {
    const dir = parent ?? fs.mkdtempSync(path.join(os.tmpdir(), "ctx-"));
    made.push(dir);
    for (const [name, entry] of Object.entries(files)) {
        const full = path.join(dir, name);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        if (typeof entry === "string") {
            fs.writeFileSync(full, entry);
            fs.chmodSync(full, 0o644);
        } else if ("link" in entry) {
            fs.symlinkSync(entry.link, full);
        } else {
            fs.writeFileSync(full, entry.text);
            fs.chmodSync(full, entry.mode);
        }
    }
    return dir;
}

/** Runs `fn` with the working directory at `dir` (the provider resolves relative contexts from the program's folder). */
function inFolder<T>(dir: string, fn: () => T): T {
    const previous = process.cwd();
    process.chdir(dir);
    try {
        return fn();
    } finally {
        process.chdir(previous);
    }
}

describe("content tag: what makes the Docker provider rebuild", () => {
    it("changes when a file's mode changes (chmod, or another umask on CI)", () => {
        const dir = tree({ Dockerfile: "FROM x", "run.sh": "echo hi" });
        const before = contentTag({ context: dir });
        fs.chmodSync(path.join(dir, "run.sh"), 0o755);
        assert.notEqual(contentTag({ context: dir }), before);
    });

    it("changes when the Dockerfile's mode changes (it is hashed first with mode 0, then walked as a context file)", () => {
        const dir = tree({ Dockerfile: "FROM x" });
        const before = contentTag({ context: dir });
        fs.chmodSync(path.join(dir, "Dockerfile"), 0o600);
        assert.notEqual(contentTag({ context: dir }), before);
    });

    it("changes when a symlink is pointed elsewhere, even at a file with the same bytes", () => {
        const dir = tree({ Dockerfile: "FROM x", "a.conf": "same", "b.conf": "same", "current.conf": { link: "a.conf" } });
        const before = contentTag({ context: dir });
        fs.unlinkSync(path.join(dir, "current.conf"));
        fs.symlinkSync("b.conf", path.join(dir, "current.conf"));
        assert.notEqual(contentTag({ context: dir }), before);
    });

    it("keeps the tag when only a symlink's target's bytes change (the provider hashes the link, not the target)", () => {
        const outside = tree({ "shared.txt": "v1" });
        const dir = tree({ Dockerfile: "FROM x", "shared.txt": { link: path.join(outside, "shared.txt") } });
        const before = contentTag({ context: dir });
        fs.writeFileSync(path.join(outside, "shared.txt"), "v2");
        assert.equal(contentTag({ context: dir }), before);
    });

    it("keeps the tag when nothing changed, and when a file is rewritten with the same bytes and mode", () => {
        const dir = tree({ Dockerfile: "FROM x", "src/a.js": "1" });
        const before = contentTag({ context: dir });
        assert.equal(contentTag({ context: dir }), before);
        fs.writeFileSync(path.join(dir, "src/a.js"), "1");
        assert.equal(contentTag({ context: dir }), before);
    });

    it("changes when the context folder changes, since the provider rebuilds on a new `build.context`", () => {
        const a = tree({ Dockerfile: "FROM x", "src/a.js": "1" });
        const b = tree({ Dockerfile: "FROM x", "src/a.js": "1" });
        assert.equal(contextDigest(a, path.join(a, "Dockerfile")), contextDigest(b, path.join(b, "Dockerfile")), "same digest");
        assert.notEqual(contentTag({ context: a }), contentTag({ context: b }));
    });

    it("changes when the Dockerfile changes, also one kept outside what the ignore file keeps", () => {
        const dir = tree({ Dockerfile: "FROM x", ".dockerignore": "Dockerfile\n" });
        const before = contentTag({ context: dir });
        fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM y");
        assert.notEqual(contentTag({ context: dir }), before);
    });
});

describe("content tag: the ignore file", () => {
    it("reads <Dockerfile>.dockerignore before .dockerignore", () => {
        const dir = tree({
            "docker/web.Dockerfile": "FROM x", "docker/web.Dockerfile.dockerignore": "notes.txt\n", ".dockerignore": "app.js\n",
            "app.js": "1", "notes.txt": "a",
        });
        const build = { context: dir, dockerfile: "docker/web.Dockerfile" };
        const before = contentTag(build);
        fs.writeFileSync(path.join(dir, "notes.txt"), "b");
        assert.equal(contentTag(build), before, "notes.txt is ignored by web.Dockerfile.dockerignore");
        fs.writeFileSync(path.join(dir, "app.js"), "2");
        assert.notEqual(contentTag(build), before, "app.js is not: .dockerignore is not read");
    });

    it("falls back to .dockerignore when the Dockerfile has no ignore file of its own", () => {
        const dir = tree({ Dockerfile: "FROM x", "other.Dockerfile.dockerignore": "app.js\n", ".dockerignore": "notes.txt\n", "app.js": "1", "notes.txt": "a" });
        const before = contentTag({ context: dir });
        fs.writeFileSync(path.join(dir, "notes.txt"), "b");
        assert.equal(contentTag({ context: dir }), before);
        fs.writeFileSync(path.join(dir, "app.js"), "2");
        assert.notEqual(contentTag({ context: dir }), before);
    });

    it("keeps the tag when an ignored file changes, is added, or changes mode", () => {
        const dir = tree({ Dockerfile: "FROM x", ".dockerignore": "node_modules\n**/*.log\n", "a.js": "1", "logs/old.log": "x" });
        const before = contentTag({ context: dir });
        fs.writeFileSync(path.join(dir, "logs/old.log"), "y");
        fs.chmodSync(path.join(dir, "logs/old.log"), 0o600);
        tree({ "node_modules/x/index.js": "x", "deep/er/debug.log": "x" }, dir);
        assert.equal(contentTag({ context: dir }), before);
    });

    it("reads the ignore file as Docker does: BOM, CRLF, comments only in the first column, one leading slash", () => {
        assert.deepEqual(parseDockerignore("\ufeff# comment\r\n  #kept\r\n/build/\r\n!  /dist/keep \r\n\r\na//b/../c\n"),
            ["#kept", "build", "!dist/keep", "a/c"]);
    });
});

describe("content tag: patterns as Docker interprets them", () => {
    // One tree; what Docker sends for each ignore file. The expected lists are the entries pulumi-docker's walk
    // (tonistiigi/fsutil with moby/patternmatcher v0.6.0) reported for the same tree and ignore file.
    const FILES = [
        "Dockerfile", "README.md", "x.log", "build/out.js", "build/y.log", "docs/a.md", "docs/keep.md", "src/app/main.js",
        "src/app/util.js", "src/node_modules/m.js", "node_modules/n.js", "a/x/y/b/f", "a/b/g", "b.txt", "d.txt", "#build",
    ];
    const ALL = [".dockerignore", ...FILES].sort();
    const without = (...gone: string[]) => ALL.filter((f) => !gone.includes(f));
    const cases: [string, string, string[]][] = [
        ["`**/` matches at any depth", "**/*.log", without("x.log", "build/y.log")],
        ["`*` stays at the top level", "*.log", without("x.log")],
        ["a leading `/` is the context's root", "/build", without("build/out.js", "build/y.log")],
        ["a trailing `/` names the folder", "build/", without("build/out.js", "build/y.log")],
        ["`!` keeps an exception", "*.md\n!README.md", without()],
        ["`!` keeps a file inside an ignored folder", "docs\n!docs/keep.md", without("docs/a.md")],
        ["`!**/` keeps a file inside an ignored folder", "docs\n!**/keep.md", without("docs/a.md")],
        ["an exception with a glob opens the ignored folder", "docs\n!docs/*.md", without()],
        ["`**` ignores everything but the exception", "**\n!src", ["src/app/main.js", "src/app/util.js", "src/node_modules/m.js"]],
        ["`dir/**` with an exception", "src/**\n!src/app/main.js", without("src/app/util.js", "src/node_modules/m.js")],
        ["`**` in the middle spans folders", "a/**/b", without("a/b/g", "a/x/y/b/f")],
        ["`**/name` ignores a folder at any depth", "**/node_modules", without("node_modules/n.js", "src/node_modules/m.js")],
        ["the last matching pattern wins", "!README.md\n*", []],
        ["`#` starts a comment only in the first column", "#build\n #build", without("#build")],
        ["`*` does not cross a `/`", "src/*/main.js", without("src/app/main.js")],
        ["`?` is one character", "?.txt", without("b.txt", "d.txt")],
        ["`[a-c]` is a range", "[a-c].txt", without("b.txt")],
    ];
    let dir: string;
    before(() => {
        dir = tree(Object.fromEntries(FILES.map((f) => [f, f])));
    });
    for (const [what, ignore, expected] of cases) {
        it(what, () => {
            fs.writeFileSync(path.join(dir, ".dockerignore"), `${ignore}\n`);
            assert.deepEqual(contextEntries(dir, parseDockerignore(ignore)).map((e) => e.path).sort(), expected);
        });
    }
});

describe("content tag: the provider's digest", () => {
    it("equals pulumi-docker's contextDigest for a context with modes, symlinks, exceptions and ignored folders", () => {
        // The expected digest is what pulumi-docker 5.x's hashContext procedure (its fsutil walk and patternmatcher
        // v0.6.0, accumulating path, mode string and content hash per entry) gave for this tree, context "ctx".
        const parent = fs.mkdtempSync(path.join(os.tmpdir(), "golden-"));
        tree({
            "ctx/Dockerfile": "FROM scratch\nCOPY . /app\n", "ctx/app.js": { text: "console.log(1)\n", mode: 0o755 },
            "ctx/lib/util.js": "exports.x = 1\n", "ctx/link": { link: "app.js" }, "ctx/libdir": { link: "lib" },
            "ctx/.dockerignore": "*.log\n!keep.log\n/tmp\n**/cache\ndocs\n!docs/keep.md\n", "ctx/x.log": "x\n", "ctx/keep.log": "k\n",
            "ctx/tmp/a": "t\n", "ctx/src/cache/b": "b\n", "ctx/src/c": "c\n", "ctx/docs/a.md": "d\n", "ctx/docs/keep.md": "k\n",
        }, parent);
        inFolder(parent, () => {
            assert.deepEqual(contextEntries("ctx", parseDockerignore(fs.readFileSync("ctx/.dockerignore", "utf8"))).map((e) => e.path),
                [".dockerignore", "Dockerfile", "app.js", "docs/keep.md", "keep.log", "lib/util.js", "libdir", "link", "src/c"]);
            assert.equal(contextDigest("ctx", "ctx/Dockerfile"), "38108b9874c351c18a6fa82bd08c402b9d5c43712291aa53c51c20ff907b3aeb");
        });
    });

    it("leaves out a dangling symlink and the rest of its folder, as the provider's walk does", () => {
        const dir = tree({ Dockerfile: "FROM x", "sub/a": "1", "sub/b": { link: "missing" }, "sub/c": "3", "z": "4" });
        const before = contentTag({ context: dir });
        fs.writeFileSync(path.join(dir, "sub/c"), "changed");
        assert.equal(contentTag({ context: dir }), before, "sub/c comes after the dangling link");
        fs.writeFileSync(path.join(dir, "z"), "changed");
        assert.notEqual(contentTag({ context: dir }), before, "z is in another folder");
    });
});

describe("content tag: contexts the provider cannot hash are rejected before anything is created", () => {
    const cases: [string, string, string][] = [
        ["an exception without a pattern", "!\n", '.dockerignore has an exception "!" without a pattern; Docker rejects it ("illegal exclusion pattern")'],
        ["an unclosed character class", "[abc\n", '.dockerignore pattern "[abc" is not a valid pattern (Go\'s filepath.Match rejects it)'],
    ];
    for (const [what, ignore, message] of cases) {
        it(`rejects ${what}`, () => {
            const dir = tree({ Dockerfile: "FROM x", ".dockerignore": ignore });
            assert.deepEqual(validateRegistryArgs({ build: { context: dir } }).filter(Boolean),
                [`\`build.context\` ${JSON.stringify(dir)} cannot be hashed as the Docker provider hashes it: ${message}.`]);
        });
    }
});

describe("content tag: Go's view of paths and modes", () => {
    const modes: [string, number, string][] = [
        ["a regular file", 0o100644, "-rw-r--r--"],
        ["an executable", 0o100755, "-rwxr-xr-x"],
        ["a setuid executable", 0o104755, "urwxr-xr-x"],
        ["a setgid, sticky file", 0o103770, "gtrwxrwx---"],
        ["a symlink", 0o120777, "Lrwxrwxrwx"],
        ["a named pipe", 0o010600, "prw-------"],
        ["a folder", 0o040755, "drwxr-xr-x"],
    ];
    for (const [what, unix, expected] of modes) {
        it(`writes the mode of ${what} as Go's FileMode.String does (${expected})`, () => {
            assert.equal(goFileModeString(goFileMode(unix)), expected);
        });
    }

    const cleaned: [string, string][] = [["", "."], ["a//b/./c/", "a/b/c"], ["a/../..", ".."], ["/..", "/"], ["./x/../y", "y"], ["../../a", "../../a"]];
    for (const [input, expected] of cleaned) {
        it(`cleans ${JSON.stringify(input)} to ${JSON.stringify(expected)} as filepath.Clean does`, () => {
            assert.equal(goClean(input), expected);
        });
    }

    it("resolves a chain of relative symlinks and keeps the result relative, as filepath.EvalSymlinks does", () => {
        const parent = tree({ "ctx/real/file": "x", "ctx/dir": { link: "real" }, "ctx/a": { link: "dir/file" }, "ctx/b": { link: "./a" } });
        inFolder(parent, () => {
            assert.equal(goEvalSymlinks("ctx/b"), "ctx/real/file");
            assert.equal(goEvalSymlinks("./ctx//dir/../a"), "ctx/real/file");
        });
    });

    it("resolves a symlink to an absolute path to that absolute path", () => {
        const target = path.join(fs.realpathSync(tree({ "t.txt": "x" })), "t.txt");
        const dir = tree({ l: { link: target } });
        assert.equal(goEvalSymlinks(path.join(dir, "l")), target);
    });
});
