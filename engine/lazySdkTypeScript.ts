/**
 * The TypeScript compiler, as `@pulumi/pulumi` loads it, loaded on first use rather than with the SDK.
 *
 * The SDK's index requires its `typescript-shim` (the project's `typescript`, else the 3.8.3 it vendors) through its
 * closure serializer, which parses functions it turns into code (`runtime.serializeFunction`, dynamic providers),
 * and its component provider's schema inference requires it too. That is 9 MB of JavaScript, about 0.2 s of CPU
 * and a third of the SDK's load, in every process that loads the SDK. A process that does neither, such as the
 * component plugin answering Construct, need not pay for it.
 *
 * Importing this module, before anything loads `@pulumi/pulumi`, puts a stand-in for the shim in the module cache:
 * the first property read from it loads the real shim, which from then on also answers `require`. Nothing changes
 * where the SDK has no shim at that path, or where it is loaded already.
 */
import * as fs from "fs";
import { Module } from "module";
import * as path from "path";

/** The shim's file in the SDK, if the SDK has one. */
function sdkShim(): string | undefined {
    try {
        const shim = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "typescript-shim.js");
        return fs.existsSync(shim) ? shim : undefined;
    } catch {
        return undefined;
    }
}

function deferSdkTypeScript(): void {
    const shim = sdkShim();
    if (shim === undefined || require.cache[shim] !== undefined) {
        return;
    }
    let compiler: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
        if (compiler === undefined) {
            delete require.cache[shim];
            compiler = require(shim) as Record<PropertyKey, unknown>;
        }
        return compiler;
    };
    const standIn = new Module(shim);
    standIn.filename = shim;
    standIn.loaded = true;
    standIn.exports = new Proxy({}, {
        get: (_, key) => load()[key],
        has: (_, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
            // A proxy may not call a property non-configurable that its (empty) target lacks.
            return descriptor && { ...descriptor, configurable: true };
        },
    });
    require.cache[shim] = standIn;
}

deferSdkTypeScript();
