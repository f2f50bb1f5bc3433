/** The prod demo stack from TypeScript, Python and Go through the real engine (tests/engine/polyglot.helpers.ts). */
import { describePolyglotProd } from "./polyglot.helpers";

describePolyglotProd();
