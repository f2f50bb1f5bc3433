import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    DEFAULT_AVAILABILITY_ZONES, DEFAULT_CONTAINER_INSIGHTS, DEFAULT_NAT_GATEWAYS, DEFAULT_ON_DEMAND_BASE,
    DEFAULT_ON_DEMAND_WEIGHT, DEFAULT_SPOT_WEIGHT, DEFAULT_VPC_CIDR, DEFAULT_VPC_ENDPOINTS,
    DEFAULT_SECRETS_VPC_ENDPOINTS, DEFAULT_EXECUTE_COMMAND_VPC_ENDPOINTS,
} from "./defaults";
import { capacityStrategy, ContainerInsights, validateFargateClusterArgs } from "./clusterBuilders";
import { physicalName, MAX_ECS_NAME } from "./names";
import { createNetwork, NatGateways } from "./network";
import { throwIfInvalid } from "./validate";

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

/**
 * An ECS cluster with the FARGATE and FARGATE_SPOT capacity providers and Container Insights, in a network it
 * creates (with a cost-aware NAT choice) or in an existing VPC.
 */
export class FargateCluster extends pulumi.ComponentResource {
    /** ARN of the ECS cluster. */
    public readonly clusterArn: pulumi.Output<string>;
    /** Name of the ECS cluster. */
    public readonly clusterName: pulumi.Output<string>;
    /** ID of the VPC the cluster's services run in. */
    public readonly vpcId: pulumi.Output<string>;
    /** IDs of the public subnets, one per zone (for internet-facing load balancers). */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** IDs of the private subnets, one per zone (for tasks). */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** ARN of the Service Connect namespace; empty when none was asked for. */
    public readonly namespaceArn: pulumi.Output<string>;

    constructor(name: string, args: FargateClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
        // Validate before registering anything, the component included: bad input leaves no trace in the stack.
        throwIfInvalid("FargateCluster", name, validateFargateClusterArgs(args));
        super("ecs-fargate:index:FargateCluster", name, {}, opts);

        const namespace = args.serviceConnectNamespace !== undefined
            ? new aws.servicediscovery.HttpNamespace(`${name}-namespace`, {
                name: args.serviceConnectNamespace,
                description: `Service Connect namespace of ${name}`,
                tags: args.tags,
            }, { parent: this })
            : undefined;

        const cluster = new aws.ecs.Cluster(name, {
            name: args.clusterName ?? physicalName(name, MAX_ECS_NAME),
            settings: [{ name: "containerInsights", value: args.containerInsights ?? DEFAULT_CONTAINER_INSIGHTS }],
            serviceConnectDefaults: namespace ? { namespace: namespace.arn } : undefined,
            configuration: args.executeCommandKmsKeyArn !== undefined
                ? { executeCommandConfiguration: { kmsKeyId: args.executeCommandKmsKeyArn, logging: "DEFAULT" } }
                : undefined,
            tags: args.tags,
        }, { parent: this });

        new aws.ecs.ClusterCapacityProviders(`${name}-capacity`, {
            clusterName: cluster.name,
            capacityProviders: ["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategies: capacityStrategy({
                onDemandBase: args.capacity?.onDemandBase ?? DEFAULT_ON_DEMAND_BASE,
                onDemandWeight: args.capacity?.onDemandWeight ?? DEFAULT_ON_DEMAND_WEIGHT,
                spotWeight: args.capacity?.spotWeight ?? DEFAULT_SPOT_WEIGHT,
            }),
        }, { parent: this });

        if (args.vpcId !== undefined) {
            this.vpcId = pulumi.output(args.vpcId);
            this.publicSubnetIds = pulumi.output(args.publicSubnetIds ?? []);
            this.privateSubnetIds = pulumi.output(args.privateSubnetIds ?? []);
        } else {
            const network = createNetwork(name, {
                zones: args.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES,
                cidrBlock: args.cidrBlock ?? DEFAULT_VPC_CIDR,
                natGateways: args.natGateways ?? DEFAULT_NAT_GATEWAYS,
                vpcEndpoints: {
                    base: args.vpcEndpoints ?? DEFAULT_VPC_ENDPOINTS,
                    secrets: args.secretsVpcEndpoints ?? DEFAULT_SECRETS_VPC_ENDPOINTS,
                    executeCommand: args.executeCommandVpcEndpoints ?? DEFAULT_EXECUTE_COMMAND_VPC_ENDPOINTS,
                    executeCommandKms: args.executeCommandKmsKeyArn !== undefined,
                },
                tags: args.tags,
            }, this);
            this.vpcId = network.vpcId;
            this.publicSubnetIds = pulumi.all(network.publicSubnetIds);
            this.privateSubnetIds = pulumi.all(network.privateSubnetIds);
        }
        this.clusterArn = cluster.arn;
        this.clusterName = cluster.name;
        this.namespaceArn = namespace ? namespace.arn : pulumi.output("");
        this.registerOutputs({
            clusterArn: this.clusterArn,
            clusterName: this.clusterName,
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            namespaceArn: this.namespaceArn,
        });
    }
}
