/**
 * The demo program: Registry → FargateCluster → WebService, each configured from the stack's config
 * (`Pulumi.<stack>.yaml`). It has no logic of its own beyond choosing the tasks' subnets.
 */
import * as pulumi from "@pulumi/pulumi";
import { FargateCluster, FargateClusterArgs, Registry, RegistryArgs, WebService, WebServiceArgs } from "./components";

type ServiceConfig = Omit<WebServiceArgs, "clusterArn" | "vpcId" | "subnetIds" | "loadBalancerSubnetIds" | "image">;

const config = new pulumi.Config();
const registryArgs = config.getObject<RegistryArgs>("registry") ?? {};
const clusterArgs = config.getObject<FargateClusterArgs>("cluster") ?? {};
const serviceArgs = config.getObject<ServiceConfig>("service") ?? {};
const tasksInPublicSubnets = config.getBoolean("tasksInPublicSubnets") ?? false;

const registry = new Registry("app", registryArgs);
const cluster = new FargateCluster("main", clusterArgs);
const service = new WebService("web", {
    ...serviceArgs,
    clusterArn: cluster.clusterArn,
    vpcId: cluster.vpcId,
    subnetIds: tasksInPublicSubnets ? cluster.publicSubnetIds : cluster.privateSubnetIds,
    loadBalancerSubnetIds: cluster.publicSubnetIds,
    image: registry.imageUri,
});

export const url = service.url;
export const imageUri = registry.imageUri;
export const repositoryUrl = registry.repositoryUrl;
export const clusterArn = cluster.clusterArn;
export const serviceArn = service.serviceArn;
export const taskDefinitionArn = service.taskDefinitionArn;
export const loadBalancerArn = service.loadBalancerArn;
export const logGroupName = service.logGroupName;
