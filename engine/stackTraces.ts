/**
 * Stack traces the Pulumi SDK takes for its own bookkeeping, formatted without source maps.
 *
 * The SDK takes a stack trace for every promise it makes (`debuggablePromise` in `runtime/debuggable`), kept only
 * for the report of leaked promises it prints at exit. Where source maps are installed (ts-node's, for a TypeScript
 * program; the SDK's own `source-map-support`, in every provider plugin `@pulumi/pulumi/provider`'s `main` serves),
 * each of those traces is mapped frame by frame back to its sources: about a fifth of the CPU time of an `up` of the
 * demo in the TypeScript driver, as much in the component plugin. Resource source positions (`Resource.callsites`,
 * which the engine records) and every other trace, such as a program's own error, are still mapped.
 */

/** The SDK functions whose traces are bookkeeping: a trace whose top frame is one of them is left unmapped. */
export const SDK_BOOKKEEPING_FRAMES: ReadonlySet<string> = new Set(["debuggablePromise"]);
const SDK_FILE = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/;

/**
 * Wraps the installed `Error.prepareStackTrace` (if any: without source maps V8 formats traces itself, cheaply) so
 * that traces whose top frame is one of `frames`, in `@pulumi/pulumi`, are formatted as V8 formats them. Call it
 * after whatever installs source maps.
 */
export function leaveSdkBookkeepingUnmapped(frames: ReadonlySet<string> = SDK_BOOKKEEPING_FRAMES): void {
    const mapped = Error.prepareStackTrace;
    if (mapped === undefined) {
        return;
    }
    Error.prepareStackTrace = function prepareStackTrace(error: Error, callSites: NodeJS.CallSite[]): unknown {
        const top = callSites[0];
        if (top === undefined || !frames.has(top.getFunctionName() ?? "") || !SDK_FILE.test(top.getFileName() ?? "")) {
            return mapped.call(this, error, callSites);
        }
        return `${Error.prototype.toString.call(error)}${callSites.map((site) => `\n    at ${site}`).join("")}`;
    };
}
