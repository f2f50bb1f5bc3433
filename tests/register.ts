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
 * So a trace the SDK takes for itself is formatted as V8 formats it, unmapped (engine/stackTraces.ts, which the
 * drivers and plugins use for the promise traces alone). Every other trace, such as a failing assertion's, is still
 * mapped to its `.ts` line.
 */
import { leaveSdkBookkeepingUnmapped, SDK_BOOKKEEPING_FRAMES } from "../engine/stackTraces";

leaveSdkBookkeepingUnmapped(new Set([...SDK_BOOKKEEPING_FRAMES, "callsites"]));
