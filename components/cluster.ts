import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import {
    DEFAULT_AVAILABILITY_ZONES, DEFAULT_CONTAINER_INSIGHTS, DEFAULT_NAT_GATEWAYS, DEFAULT_ON_DEMAND_BASE,
    DEFAULT_ON_DEMAND_WEIGHT, DEFAULT_SPOT_WEIGHT, DEFAULT_VPC_CIDR, DEFAULT_VPC_ENDPOINTS,
    DEFAULT_SECRETS_VPC_ENDPOINTS, DEFAULT_EXECUTE_COMMAND_VPC_ENDPOINTS,
} from "./defaults";
import { FargateClusterArgs } from "./clusterArgs";
import { capacityStrategy, validateFargateClusterArgs } from "./clusterBuilders";
import { physicalName, MAX_ECS_NAME } from "./names";
import { createNetwork, NatGateways } from "./network";
import { throwIfInvalid } from "./validate";

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
    /** IDs of the public subnets, one per zone (for internet-facing load balancers). A created network's resolve once each subnet routes to the internet gateway, so what is built from them waits for that. */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** IDs of the private subnets, one per zone (for tasks). A created network's resolve once each subnet's route table association, default route to its NAT gateway and the VPC endpoints (those the cluster creates) exist, so tasks started in them can pull their image. */
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
