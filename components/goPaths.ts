/**
 * Go's behaviour, where the Docker provider depends on it: `filepath.Clean`, `filepath.EvalSymlinks`,
 * `strings.TrimSpace`, and `fs.FileMode` with its `String()`. Each is written from Go's documented behaviour so that
 * the content tag sees paths, links and modes exactly as the provider (a Go program) sees them.
 */
import * as fs from "fs";

/** Go's `unicode.IsSpace`. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Go's `strings.TrimSpace` (JavaScript's `trim` differs: it removes U+FEFF and keeps U+0085). */
export function goTrimSpace(s: string): string {
    const chars = [...s];
    let start = 0;
    let end = chars.length;
    while (start < end && GO_SPACE.test(chars[start])) {
        start++;
    }
    while (end > start && GO_SPACE.test(chars[end - 1])) {
        end--;
    }
    return chars.slice(start, end).join("");
}

/** Go's `filepath.Clean` on a slash-separated path. */
export function goClean(p: string): string {
    if (p === "") {
        return ".";
    }
    const rooted = p.startsWith("/");
    const out: string[] = [];
    for (const part of p.split("/")) {
        if (part === "" || part === ".") {
            continue;
        }
        if (part === "..") {
            if (out.length > 0 && out[out.length - 1] !== "..") {
                out.pop();
            } else if (!rooted) {
                out.push("..");
            }
            continue;
        }
        out.push(part);
    }
    const cleaned = (rooted ? "/" : "") + out.join("/");
    return cleaned === "" ? "." : cleaned;
}

/**
 * Go's `filepath.EvalSymlinks` on Unix: resolves every symlink of `p` component by component, and keeps the result
 * relative when `p` and the links are relative. Throws Node-style errors: `ENOENT` for a missing component,
 * `ENOTDIR` for a file used as a folder, `ELOOP` after 255 links (as Go does).
 */
export function goEvalSymlinks(p: string): string {
    let rest = p;
    let volLen = rest.startsWith("/") ? 1 : 0;
    let vol = rest.slice(0, volLen);
    let dest = vol;
    let links = 0;
    let start = volLen;
    let end = volLen;
    for (; start < rest.length; start = end) {
        while (start < rest.length && rest[start] === "/") {
            start++;
        }
        end = start;
        while (end < rest.length && rest[end] !== "/") {
            end++;
        }
        const part = rest.slice(start, end);
        if (part === "") {
            break;
        }
        if (part === ".") {
            continue;
        }
        if (part === "..") {
            const r = dest.lastIndexOf("/");
            if (r < volLen || dest.slice(r + 1) === "..") {
                dest += (dest.length > volLen ? "/" : "") + "..";
            } else {
                dest = dest.slice(0, r);
            }
            continue;
        }
        if (dest.length > 0 && !dest.endsWith("/")) {
            dest += "/";
        }
        dest += part;
        const stat = fs.lstatSync(dest);
        if (!stat.isSymbolicLink()) {
            if (!stat.isDirectory() && end < rest.length) {
                throw Object.assign(new Error(`${dest} is not a directory`), { code: "ENOTDIR" });
            }
            continue;
        }
        if (++links > 255) {
            throw Object.assign(new Error(`too many symlinks resolving ${p}`), { code: "ELOOP" });
        }
        const link = fs.readlinkSync(dest);
        rest = link + rest.slice(end);
        if (link.startsWith("/")) {
            dest = "/";
            vol = "/";
            volLen = 1;
            end = 1;
        } else {
            const r = dest.lastIndexOf("/");
            dest = r < volLen ? vol : dest.slice(0, r);
            end = 0;
        }
    }
    return goClean(dest);
}

const S_IFMT = 0o170000;
const GO_MODE_BITS: [number, number][] = [
    // [Unix type, Go FileMode bits]: Go's os.Stat on Unix.
    [0o040000, 2 ** 31], // directory: ModeDir
    [0o120000, 2 ** 27], // symlink: ModeSymlink
    [0o060000, 2 ** 26], // block device: ModeDevice
    [0o020000, 2 ** 26 + 2 ** 21], // character device: ModeDevice | ModeCharDevice
    [0o010000, 2 ** 25], // FIFO: ModeNamedPipe
    // sockets: ModeSocket, which fsutil clears ("archive/tar.FileInfoHeader does not handle it")
];

/** The Go `fs.FileMode` fsutil reports for a Unix `st_mode` (socket bit cleared). */
export function goFileMode(unixMode: number): number {
    let mode = unixMode & 0o777;
    const type = unixMode & S_IFMT;
    for (const [unix, go] of GO_MODE_BITS) {
        if (type === unix) {
            mode += go;
        }
    }
    if (unixMode & 0o4000) {
        mode += 2 ** 23; // ModeSetuid
    }
    if (unixMode & 0o2000) {
        mode += 2 ** 22; // ModeSetgid
    }
    if (unixMode & 0o1000) {
        mode += 2 ** 20; // ModeSticky
    }
    return mode;
}

/** Go's `fs.FileMode.String()`: type letters `dalTLDpSugct?` (bits 31 down to 19), then `rwxrwxrwx`. */
export function goFileModeString(mode: number): string {
    const letters = "dalTLDpSugct?";
    let out = "";
    for (let i = 0; i < letters.length; i++) {
        if (Math.floor(mode / 2 ** (31 - i)) % 2 === 1) {
            out += letters[i];
        }
    }
    if (out === "") {
        out = "-";
    }
    const rwx = "rwxrwxrwx";
    for (let i = 0; i < 9; i++) {
        out += (mode >> (8 - i)) & 1 ? rwx[i] : "-";
    }
    return out;
}
