/**
 * Two heavy modules `@pulumi/pulumi` loads with its index, loaded on first use instead. Import this module before
 * anything loads the SDK (or `node -r` it); it puts a stand-in for each in the module cache, and the first property
 * read from a stand-in loads the real module, which from then on answers for it.
 *
 * - The SDK's `typescript-shim` (the project's `typescript`, else the 3.8.3 the SDK vendors): 9 MB of JavaScript
 *   for the closure serializer, which parses the functions it turns into code (`runtime.serializeFunction`, dynamic
 *   providers), and for the component provider's schema inference.
 * - `@npmcli/arborist`, with pacote, sigstore and the rest of npm's installer: about 480 of the 765 modules the
 *   SDK's index loads, for one call, `runtime.computeCodePaths`, which lists the packages a serialized function
 *   ships with. The SDK reaches it through the TypeScript compiler's `import * as` helper, which copies every
 *   property of a module that is not marked `__esModule`, and so would load it at once; the stand-in says it is
 *   one, which is harmless, since an ES module's namespace is what that helper hands back anyway. Its `default` is
 *   the real module, as the helper would have made it.
 *
 * Together they are half of the SDK's load: about 0.3 s of CPU in every process that loads the SDK (the TypeScript
 * driver, the component plugin, the policy pack), where none of them serializes a function. Nothing changes for a
 * module the SDK does not have at that path, or one loaded already.
 */
import { Module } from "module";
import * as path from "path";

/** The file `request` resolves to from the SDK's own folder, if the SDK is there and has it. */
function fromSdk(request: string): string | undefined {
    try {
        return require.resolve(request, { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] });
    } catch {
        return undefined;
    }
}

/** Puts a stand-in for the module at `file` in the module cache, which loads the module on first use. */
function defer(file: string | undefined, { marksEsModule }: { marksEsModule: boolean }): void {
    if (file === undefined || require.cache[file] !== undefined) {
        return;
    }
    let real: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
        if (real === undefined) {
            delete require.cache[file];
            real = require(file) as Record<PropertyKey, unknown>;
        }
        return real;
    };
    /** The two properties an ES module's stand-in answers itself, as a CommonJS module's namespace has them. */
    const ownInterop = (key: PropertyKey): boolean => marksEsModule && (key === "__esModule" || key === "default");
    const read = (key: PropertyKey): unknown => {
        if (!ownInterop(key)) {
            return load()[key];
        }
        if (key === "__esModule") {
            return true;
        }
        const module = load();
        return "default" in module ? module.default : module;
    };
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = new Proxy({}, {
        get: (_, key) => read(key),
        has: (_, key) => ownInterop(key) || key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
            // A proxy may not call a property non-configurable that its (empty) target lacks.
            return descriptor && { ...descriptor, configurable: true };
        },
    });
    require.cache[file] = standIn;
}

defer(fromSdk("./typescript-shim"), { marksEsModule: false });
defer(fromSdk("@npmcli/arborist"), { marksEsModule: true });
