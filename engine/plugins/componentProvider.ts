/**
 * Entry of the `pulumi-resource-ecs-fargate` plugin: this package's components served through Construct, as
 * `PulumiPlugin.yaml` (runtime: nodejs) describes them. It does what the SDK's `cmd/run-plugin` does for a source
 * plugin: require the package's `main`, collect its exported ComponentResource classes and serve them with
 * `componentProviderHost` (whose schema inference reads the TypeScript sources). The one difference: it compiles
 * with ts-node transpile-only, where run-plugin type-checks every file against the `@pulumi/aws` typings on each
 * launch; the package is type-checked once, by `tsc --noEmit`.
 */
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { REPO_ROOT } from "../workspace";

const packageJSON: { name: string } = require(`${REPO_ROOT}/package.json`);
componentProviderHost({ name: packageJSON.name, dirname: REPO_ROOT, components: getPulumiComponents(require(REPO_ROOT)) }).catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
});
