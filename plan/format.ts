/** Small text formatters shared by the terminal and Markdown reports. */

/** Dollars with cents: `$16.43`. */
export function usd(n: number): string {
    return `$${n.toFixed(2)}`;
}

/** A unit price with at least cents and every digit it has: `$0.50`, `$0.004445`. */
export function unitUsd(n: number): string {
    const decimals = (String(n).split(".")[1] ?? "").length;
    return `$${n.toFixed(Math.max(2, decimals))}`;
}

/** Seconds as a person reads them: `45 s`, `2 min 35 s`, `1 h 2 min`. */
export function duration(seconds: number): string {
    const s = Math.round(seconds);
    if (s < 60) {
        return `${s} s`;
    }
    if (s < 3600) {
        return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
    }
    return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** A low–high range of seconds. */
export function range(lowS: number, highS: number): string {
    return lowS === highS ? duration(lowS) : `${duration(lowS)} – ${duration(highS)}`;
}

/** Left-aligned text columns (the last column is not padded). */
export function columns(rows: string[][], indent = "  "): string[] {
    const widths: number[] = [];
    for (const row of rows) {
        row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
    }
    return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i] - [...cell].length))).join("  ").trimEnd());
}

/** A Markdown table; pipes in cells are escaped. */
export function mdTable(header: string[], rows: string[][]): string[] {
    const esc = (c: string) => c.replace(/\|/g, "\\|").replace(/\n/g, " ");
    return [`| ${header.map(esc).join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)];
}
