/**
 * The demo program: Registry → FargateCluster → WebService, each configured from the stack's config
 * (`Pulumi.<stack>.yaml`). It has no logic of its own beyond choosing the tasks' subnets and their image: the one
 * `ecs-fargate:registry` builds, or `ecs-fargate:image`.
 */
import * as pulumi from "@pulumi/pulumi";
import { FargateCluster, FargateClusterArgs, Registry, RegistryArgs, WebService, WebServiceArgs } from "./components";

type ServiceConfig = Omit<WebServiceArgs, "clusterArn" | "vpcId" | "subnetIds" | "loadBalancerSubnetIds" | "image">;

const config = new pulumi.Config();
const registryArgs = config.getObject<RegistryArgs>("registry") ?? {};
const clusterArgs = config.getObject<FargateClusterArgs>("cluster") ?? {};
const serviceArgs = config.getObject<ServiceConfig>("service") ?? {};
const tasksInPublicSubnets = config.getBoolean("tasksInPublicSubnets") ?? false;
const image = config.get("image");

// The service needs an image before anything is created: one the registry builds, or one named in config.
if (registryArgs.build === undefined && image === undefined) {
    throw new Error("The service has no image: set `ecs-fargate:registry` `build` (e.g. `{ context: ./app }`) to build and push one, or `ecs-fargate:image` to run an existing one (e.g. `pulumi config set image public.ecr.aws/nginx/nginx:1.27`).");
}
if (registryArgs.build !== undefined && image !== undefined) {
    throw new Error(`The service has two images: \`ecs-fargate:registry\` \`build\` and \`ecs-fargate:image\` "${image}"; keep one of them.`);
}

const registry = new Registry("app", registryArgs);
const cluster = new FargateCluster("main", clusterArgs);
const service = new WebService("web", {
    ...serviceArgs,
    clusterArn: cluster.clusterArn,
    vpcId: cluster.vpcId,
    subnetIds: tasksInPublicSubnets ? cluster.publicSubnetIds : cluster.privateSubnetIds,
    loadBalancerSubnetIds: cluster.publicSubnetIds,
    image: image ?? registry.imageUri,
    // ECS Exec sessions are encrypted with the cluster's key: the tasks must be allowed to decrypt with it.
    executeCommandKmsKeyArn: serviceArgs.executeCommandKmsKeyArn
        ?? (serviceArgs.enableExecuteCommand ? clusterArgs.executeCommandKmsKeyArn : undefined),
});

export const url = service.url;
export const imageUri = registry.imageUri;
export const repositoryUrl = registry.repositoryUrl;
export const clusterArn = cluster.clusterArn;
export const serviceArn = service.serviceArn;
export const taskDefinitionArn = service.taskDefinitionArn;
export const loadBalancerArn = service.loadBalancerArn;
export const logGroupName = service.logGroupName;
