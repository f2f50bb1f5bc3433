/**
 * `.dockerignore` as the Docker provider applies it to a build context: the file it reads (`<Dockerfile>.dockerignore`
 * first, else `<context>/.dockerignore`), parsed as moby/patternmatcher's `ignorefile.ReadAll` parses it, each
 * pattern matched as moby/patternmatcher v0.6 matches it, and folders handled as tonistiigi/fsutil's filtered walk
 * handles them (what matched a folder is handed to its entries; an excluded folder is entered only when an exception
 * may name something inside it). Written from those libraries' documented behaviour, not copied.
 */
import * as fs from "fs";
import * as path from "path";
import { goClean, goTrimSpace } from "./goPaths";

/** Thrown when the provider would fail to read the context (a bad ignore pattern, a dangling symlink, a socket). */
export class BuildContextError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "BuildContextError";
    }
}

/**
 * The patterns of an ignore file, as moby/patternmatcher's `ignorefile.ReadAll` returns them: a UTF-8 BOM is
 * dropped; a line starting with `#` is a comment (only in the first column); lines are trimmed; `!` marks an
 * exception; each pattern is cleaned (`a//b/../c/` is `a/c`) and loses one leading `/`.
 */
export function parseDockerignore(text: string): string[] {
    const lines = text.replace(/^\ufeff/, "").split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
    const patterns: string[] = [];
    for (const line of lines) {
        if (line.startsWith("#")) {
            continue;
        }
        let pattern = goTrimSpace(line);
        if (pattern === "") {
            continue;
        }
        const invert = pattern.startsWith("!");
        if (invert) {
            pattern = goTrimSpace(pattern.slice(1));
        }
        if (pattern.length > 0) {
            pattern = goClean(pattern);
            if (pattern.length > 1 && pattern.startsWith("/")) {
                pattern = pattern.slice(1);
            }
        }
        patterns.push(invert ? `!${pattern}` : pattern);
    }
    return patterns;
}

/** Checks a pattern the way Go's `filepath.Match` does before it is used: classes closed, no dangling `\`. */
function checkGlobSyntax(p: string[], original: string): void {
    const bad = () => new BuildContextError(`.dockerignore pattern ${JSON.stringify(original)} is not a valid pattern (Go's filepath.Match rejects it)`);
    const rangeChar = (i: number): number => {
        // One class character: not "-" or "]" unescaped; an escape takes the next one; something must follow.
        if (i >= p.length || p[i] === "-" || p[i] === "]") {
            throw bad();
        }
        if (p[i] === "\\") {
            i++;
            if (i >= p.length) {
                throw bad();
            }
        }
        if (i + 1 >= p.length) {
            throw bad();
        }
        return i + 1;
    };
    for (let i = 0; i < p.length; i++) {
        if (p[i] === "\\") {
            if (++i >= p.length) {
                throw bad();
            }
        } else if (p[i] === "[") {
            i++;
            if (p[i] === "^") {
                i++;
            }
            let ranges = 0;
            while (!(p[i] === "]" && ranges > 0)) {
                i = rangeChar(i);
                if (p[i] === "-") {
                    i = rangeChar(i + 1);
                }
                ranges++;
            }
        }
    }
}

type MatchKind = "exact" | "prefix" | "suffix" | "regexp";

/** Characters patternmatcher escapes before handing the pattern to Go's regexp. */
const REGEXP_ESCAPED = ".+()|{}$";

/** One pattern, matched as moby/patternmatcher's `Pattern.match` matches it. */
class IgnorePattern {
    readonly exclusion: boolean;
    /** The pattern without its `!`, cleaned. */
    readonly text: string;
    private readonly kind: MatchKind;
    private readonly re2: string;
    private readonly raw: string;
    private compiled?: RegExp;

    constructor(raw: string) {
        let p = goClean(goTrimSpace(raw));
        this.exclusion = p.startsWith("!");
        if (this.exclusion) {
            if (p.length === 1) {
                throw new BuildContextError('.dockerignore has an exception "!" without a pattern; Docker rejects it ("illegal exclusion pattern")');
            }
            p = p.slice(1);
        }
        this.text = p;
        checkGlobSyntax([...p], raw);
        const { kind, re2 } = IgnorePattern.translate([...p]);
        this.kind = kind;
        this.re2 = re2;
        this.raw = raw;
    }

    /** Compiled on first use, as patternmatcher compiles: a regexp error shows only if the pattern is reached. */
    private get regexp(): RegExp {
        this.compiled ??= re2ToJs(this.re2, this.raw);
        return this.compiled;
    }

    /**
     * patternmatcher's translation into a Go (RE2) regular expression: `**` (eating the `/` after it) is any
     * number of components, a trailing `**` anything; `*` and `?` stay within a component; `.+()|{}$` are escaped
     * and `\x` is passed on. Brackets are passed on as they are, without tracking classes. A pattern with none of
     * these compares as a string: exact, a prefix when it ends in `**`, a suffix when it begins with `**`.
     */
    private static translate(chars: string[]): { kind: MatchKind; re2: string } {
        let kind: MatchKind = "exact";
        let re2 = "^";
        for (let i = 0, step = 0; i < chars.length; i++, step++) {
            const ch = chars[i];
            if (ch === "*") {
                if (chars[i + 1] === "*") {
                    i++;
                    if (chars[i + 1] === "/") {
                        i++;
                    }
                    if (i + 1 >= chars.length) {
                        if (kind === "exact") {
                            kind = "prefix";
                        } else {
                            re2 += ".*";
                            kind = "regexp";
                        }
                    } else {
                        re2 += "(.*/)?";
                        kind = "regexp";
                    }
                    if (step === 0) {
                        kind = "suffix";
                    }
                } else {
                    re2 += "[^/]*";
                    kind = "regexp";
                }
            } else if (ch === "?") {
                re2 += "[^/]";
                kind = "regexp";
            } else if (REGEXP_ESCAPED.includes(ch)) {
                re2 += `\\${ch}`;
            } else if (ch === "\\") {
                re2 += `\\${chars[++i]}`;
                kind = "regexp";
            } else if (ch === "[" || ch === "]") {
                re2 += ch;
                kind = "regexp";
            } else {
                re2 += ch;
            }
        }
        return { kind, re2: `${re2}$` };
    }

    /** Whether the pattern matches `p`, a slash-separated path relative to the context. */
    matches(p: string): boolean {
        switch (this.kind) {
            case "exact":
                return p === this.text;
            case "prefix":
                return p.startsWith(this.text.slice(0, -2));
            case "suffix": {
                const suffix = this.text.slice(2);
                return p.endsWith(suffix) || (suffix.startsWith("/") && p === suffix.slice(1));
            }
            default:
                return this.regexp.test(p);
        }
    }

    /** Whether the pattern matches `p` or one of its parent folders. */
    matchesOrParent(p: string): boolean {
        if (this.matches(p)) {
            return true;
        }
        const parts = p.split("/").slice(0, -1);
        return parts.some((_, i) => this.matches(parts.slice(0, i + 1).join("/")));
    }

    /** The pattern without a trailing `/**` or `/*`, as fsutil compares folders with it. */
    withoutTrailingGlob(): string {
        return this.text.replace(/\/\*\*$/, "").replace(/\/\*$/, "");
    }
}

/** A character as a JavaScript (`u` flag) regular expression that matches it literally. */
function literal(ch: string, inClass: boolean): string {
    const special = inClass ? "\\]^-[" : "\\^$.*+?()[]{}|/";
    return special.includes(ch) ? `\\${ch}` : ch;
}

/**
 * RE2's ASCII Perl classes and anchors in JavaScript (`u` flag, no `i`): `\\d`, `\\w`, `\\b` and their negations
 * mean the same; RE2's `\\s` is only tab, newline, form feed, carriage return and space; `\\A` and `\\z` are the
 * ends of the text. Inside a class only the positive ones; anything else is `undefined`.
 */
function perlClass(letter: string, inClass: boolean): string | undefined {
    const same = inClass ? "dwDW" : "dwDWbB";
    if (same.includes(letter)) {
        return `\\${letter}`;
    }
    const spaces = "\\t\\n\\f\\r ";
    if (letter === "s") {
        return inClass ? spaces : `[${spaces}]`;
    }
    if (!inClass) {
        return { S: `[^${spaces}]`, A: "^", z: "$" }[letter];
    }
    return undefined;
}

/**
 * The JavaScript regular expression that means what the RE2 expression patternmatcher built means. Only the
 * syntax that translation can produce occurs: literals, `\x` escapes, `[...]` classes (where `[` is a literal, and
 * `]` right after `[` or `[^` too), `.` (never a newline in RE2), `*` and `?` quantifiers, `(...)` groups, `^`/`$`.
 * An escape of a letter or digit (`\d`, `\b`, ...) and POSIX classes (`[[:alpha:]]`) are RE2 syntax with no
 * faithful JavaScript twin here, so they are refused with a clear error rather than matched differently.
 */
function re2ToJs(re2: string, raw: string): RegExp {
    const chars = [...re2];
    const unsupported = (what: string) => new BuildContextError(
        `.dockerignore pattern ${JSON.stringify(raw)} uses ${what}, which Docker reads as Go regular-expression syntax that contentTag does not reproduce; write the characters out instead.`);
    const invalid = () => new BuildContextError(`.dockerignore pattern ${JSON.stringify(raw)} is not a valid pattern (Go's regexp rejects it)`);
    let js = "";
    let inClass = false;
    let classStart = 0;
    for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        if (ch === "\\") {
            const next = chars[++i];
            if (next === undefined) {
                throw invalid();
            }
            if (/[A-Za-z0-9]/.test(next)) {
                js += perlClass(next, inClass) ?? (() => { throw unsupported(`the escape \\${next}`); })();
            } else {
                js += literal(next, inClass);
            }
        } else if (inClass) {
            if (ch === "]" && i > classStart) {
                js += "]";
                inClass = false;
            } else if (ch === "[" && chars[i + 1] === ":") {
                throw unsupported("a POSIX character class ([:name:])");
            } else {
                // Unescaped, "-" is RE2's range operator, as in JavaScript; "[" and a later "^" are literals.
                js += ch === "-" ? "-" : literal(ch, true);
            }
        } else if (ch === "[") {
            inClass = true;
            js += "[";
            if (chars[i + 1] === "^") {
                js += "^";
                i++;
            }
            classStart = i + 1;
        } else if (ch === ".") {
            js += "[^\\n]";
        } else if (ch === "(") {
            js += "(?:";
        } else if ("^$)*?".includes(ch)) {
            js += ch;
        } else {
            js += literal(ch, false);
        }
    }
    if (inClass) {
        throw invalid();
    }
    try {
        return new RegExp(js, "u");
    } catch {
        throw invalid();
    }
}

/** Which patterns matched a folder, handed to its entries (fsutil's `MatchInfo`). */
export type MatchInfo = readonly boolean[] | undefined;

/** A `.dockerignore`'s patterns, applied as fsutil's filtered walk applies them. */
export class DockerignoreMatcher {
    private readonly patterns: IgnorePattern[];
    /** Whether some pattern is an exception (`!`). */
    readonly hasExceptions: boolean;
    /** fsutil's shortcut: when every exception is a plain path, an excluded folder no exception names is skipped. */
    private readonly exceptionsArePlainPaths: boolean;

    constructor(patterns: readonly string[]) {
        this.patterns = patterns.filter((p) => goTrimSpace(p) !== "").map((p) => new IgnorePattern(p));
        this.hasExceptions = this.patterns.some((p) => p.exclusion);
        this.exceptionsArePlainPaths = !this.patterns.some((p) => p.exclusion && /[*[\]?^\\]/.test(p.withoutTrailingGlob()));
    }

    /**
     * Whether `p` is excluded, given what matched its folder (`undefined` for an entry at the top of the context),
     * and what matched `p`, for its own entries (patternmatcher's `MatchesUsingParentResults`). The last pattern
     * that matches decides; a pattern that matched the folder matches everything in it.
     */
    match(p: string, parent: MatchInfo): { excluded: boolean; info: boolean[] } {
        let excluded = false;
        const info = this.patterns.map(() => false);
        this.patterns.forEach((pattern, i) => {
            let matched = parent !== undefined && parent.length > 0 && parent[i];
            if (!matched) {
                if (pattern.exclusion !== excluded) {
                    return;
                }
                matched = parent === undefined || parent.length === 0 ? pattern.matchesOrParent(p) : pattern.matches(p);
            }
            info[i] = matched;
            if (matched) {
                excluded = !pattern.exclusion;
            }
        });
        return { excluded, info };
    }

    /** Whether fsutil walks into the excluded folder `dir` (because an exception may name something in it). */
    entersExcludedFolder(dir: string): boolean {
        if (!this.exceptionsArePlainPaths) {
            return true;
        }
        return this.patterns.some((p) => p.exclusion && `${p.withoutTrailingGlob()}/`.startsWith(`${dir}/`));
    }
}

/** The ignore file the provider reads: `<Dockerfile>.dockerignore` if it exists, else `<context>/.dockerignore`. */
export function ignoreFileFor(context: string, dockerfilePath: string): string | undefined {
    return [`${dockerfilePath}.dockerignore`, path.join(context, ".dockerignore")].find((f) => fs.existsSync(f));
}

/** The patterns of the ignore file the provider reads for this build (none when there is no ignore file). */
export function ignorePatternsFor(context: string, dockerfilePath: string): string[] {
    const file = ignoreFileFor(context, dockerfilePath);
    if (file === undefined) {
        return [];
    }
    try {
        return parseDockerignore(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new BuildContextError(`the ignore file ${JSON.stringify(file)} cannot be read (${(error as Error).message})`);
    }
}
