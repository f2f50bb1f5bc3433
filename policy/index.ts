/**
 * The pack's entry point, run by the Pulumi CLI (`pulumi preview --policy-pack ./policy`). Constructing a
 * `PolicyPack` starts the analyzer's gRPC server, so nothing else imports this file: use `./policies`.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, packArgs } from "./policies";

new PolicyPack(PACK_NAME, packArgs);
