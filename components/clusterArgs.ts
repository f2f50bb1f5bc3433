/**
 * The arguments of a `FargateCluster`, with their enumeration: the cross-language contract (Python and Go users see
 * exactly these).
 */
import * as pulumi from "@pulumi/pulumi";
import type { NatGateways } from "./network";

/** CloudWatch Container Insights levels. */
export const ContainerInsights = {
    /** Cluster- and service-level metrics. */
    Enabled: "enabled",
    /** Task- and container-level metrics as well (costs more). */
    Enhanced: "enhanced",
    /** No Container Insights metrics. */
    Disabled: "disabled",
} as const;
export type ContainerInsights = (typeof ContainerInsights)[keyof typeof ContainerInsights];

/** How tasks are spread over on-demand Fargate and Fargate Spot. */
export interface Capacity {
    /** Tasks that always run on on-demand Fargate before the weights apply. Defaults to `1`. */
    onDemandBase?: number;
    /** Relative share of on-demand Fargate for tasks beyond the base. Defaults to `1`. */
    onDemandWeight?: number;
    /** Relative share of Fargate Spot (up to 70% cheaper, can be reclaimed) for tasks beyond the base. Defaults to `0`. */
    spotWeight?: number;
}

/** Arguments of a `FargateCluster`. */
export interface FargateClusterArgs {
    /** Name of the ECS cluster. Defaults to one derived from the component name, unique per stack. */
    clusterName?: pulumi.Input<string>;
    /** CloudWatch Container Insights: `enabled`, `enhanced` or `disabled`. Defaults to `enabled`. */
    containerInsights?: pulumi.Input<ContainerInsights>;
    /** The cluster's default capacity provider strategy. Defaults to one on-demand task as base and the rest on-demand. */
    capacity?: Capacity;
    /** ID of an existing VPC to use; give `publicSubnetIds` and `privateSubnetIds` with it. Defaults to creating a network. */
    vpcId?: pulumi.Input<string>;
    /** IDs of the existing VPC's public subnets (for the load balancer); only with `vpcId`. */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** IDs of the existing VPC's private subnets (for tasks); only with `vpcId`. */
    privateSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Number of availability zones of a created network (2 to 6). Defaults to `2`. */
    availabilityZones?: number;
    /** IPv4 address range of a created network, a /16 to /24. Defaults to `10.0.0.0/16`. */
    cidrBlock?: string;
    /** NAT gateways of a created network: `None`, `Single` or `OnePerAz`. Defaults to `Single`. */
    natGateways?: NatGateways;
    /** Create ECR, CloudWatch Logs and S3 VPC endpoints so private tasks pull and log without NAT. Defaults to `false`. */
    vpcEndpoints?: boolean;
    /** Also create Secrets Manager and SSM endpoints, so private tasks read their `secrets` at start without NAT. Only with `vpcEndpoints`. Defaults to `false`. */
    secretsVpcEndpoints?: boolean;
    /** Also create the SSM messages endpoint ECS Exec's channels use, and the KMS endpoint when `executeCommandKmsKeyArn` is set, so ECS Exec works without NAT. Only with `vpcEndpoints`. Defaults to `false`. */
    executeCommandVpcEndpoints?: boolean;
    /** ARN of a KMS key that encrypts ECS Exec sessions, which are then logged to each task's log configuration; give the same key to each WebService's `executeCommandKmsKeyArn`, so its tasks may decrypt with it. Defaults to no session encryption beyond TLS. */
    executeCommandKmsKeyArn?: pulumi.Input<string>;
    /** Name of a Cloud Map namespace to create as the cluster's Service Connect default. Defaults to none. */
    serviceConnectNamespace?: pulumi.Input<string>;
    /** Tags applied to every taggable child. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
