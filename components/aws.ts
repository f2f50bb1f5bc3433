/**
 * The services of the AWS provider SDK (`@pulumi/aws`) the components use, by their own modules.
 *
 * `@pulumi/aws`'s root module re-exports all of its ~250 services, so a type checker that meets
 * `import * as aws from "@pulumi/aws"` reads about 3,000 declaration files (the root, every service, their shared
 * input and output types); these services' own modules bring about 700. Every program type-checked against this
 * package reads what its declarations import: the user's `tsc`, ts-node as Pulumi's runtime runs it, and the
 * component provider's schema inference (GetSchema), which builds a TypeScript program of the package.
 *
 * At run time the root module is still loaded, for what it alone does: it registers the `aws` resource package (the
 * provider's constructor) with the Pulumi runtime, which a program given a provider by reference needs. It is
 * loaded with a plain `require` so that the type checker does not follow it.
 */
require("@pulumi/aws");

export * as appautoscaling from "@pulumi/aws/appautoscaling";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as ecr from "@pulumi/aws/ecr";
export * as ecs from "@pulumi/aws/ecs";
export * as iam from "@pulumi/aws/iam";
export * as lb from "@pulumi/aws/lb";
export * as servicediscovery from "@pulumi/aws/servicediscovery";
export * as types from "@pulumi/aws/types";
export * as vpc from "@pulumi/aws/vpc";
export * as wafv2 from "@pulumi/aws/wafv2";
export { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
