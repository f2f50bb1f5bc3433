/**
 * Loaded by mocha after `ts-node/register` (.mocharc.json), in every worker.
 *
 * ts-node maps every stack trace back to the TypeScript sources, through `@cspotcode/source-map-support`'s
 * `Error.prepareStackTrace`, at about a microsecond per frame, and mocha lifts `Error.stackTraceLimit` to Infinity.
 * The Pulumi SDK takes a stack trace for its own bookkeeping, mocked or not: one per promise it makes
 * (`debuggablePromise`, kept for its report of leaked promises) and one per resource (`Resource.callsites`, for the
 * resource's source position, which goes nowhere under mocks). Mapping those frames, tens of millions of them, was
 * two thirds of the CPU time of the unit tests.
 *
 * So a trace the SDK takes for itself (its top frame is one of those two functions in `@pulumi/pulumi`) is formatted
 * as V8 formats it, unmapped. Every other trace, such as a failing assertion's, is still mapped to its `.ts` line.
 */
const mapped = Error.prepareStackTrace;
const SDK_BOOKKEEPING = new Set(["debuggablePromise", "callsites"]);
const SDK_FILE = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/;

if (mapped !== undefined) {
    Error.prepareStackTrace = function prepareStackTrace(error: Error, frames: NodeJS.CallSite[]): string {
        if (!isSdkBookkeeping(frames[0])) {
            return mapped.call(this, error, frames);
        }
        return `${Error.prototype.toString.call(error)}${frames.map((frame) => `\n    at ${frame}`).join("")}`;
    };
}

function isSdkBookkeeping(frame: NodeJS.CallSite | undefined): boolean {
    return frame !== undefined && SDK_BOOKKEEPING.has(frame.getFunctionName() ?? "") && SDK_FILE.test(frame.getFileName() ?? "");
}
