/**
 * Entry of the `pulumi-resource-aws` and `pulumi-resource-docker` plugins: serves the simulated cloud
 * (`sim/provider.ts`) to the engine through `@pulumi/pulumi/provider`'s `main`, which prints the port and serves
 * the ResourceProvider gRPC service. Usage: `simulatedProvider.ts <aws|docker> <engine address>`.
 * The version reported is that of the `@pulumi/<pkg>` SDK the programs use, so the engine takes the plugin for
 * the one the SDK asks for.
 */
import { main } from "@pulumi/pulumi/provider";
import { leaveSdkBookkeepingUnmapped } from "../stackTraces";
import { Cloud } from "../../sim/cloud";
import { SimulatedProvider } from "../../sim/provider";
import { DEFAULT_SIMULATED_REGION } from "../../sim/simulator";

const [pkg, ...args] = process.argv.slice(2);
if (pkg !== "aws" && pkg !== "docker") {
    process.stderr.write(`usage: simulatedProvider <aws|docker> <engine address>; got package ${JSON.stringify(pkg)}\n`);
    process.exit(2);
}
const version: string = require(`@pulumi/${pkg}/package.json`).version;
const region = process.env.AWS_REGION || DEFAULT_SIMULATED_REGION;
main(new SimulatedProvider(pkg, version, Cloud.fromEnvironment(), region), args).catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
});
leaveSdkBookkeepingUnmapped(); // after main, which installs source-map-support before its first await
