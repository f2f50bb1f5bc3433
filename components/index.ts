/**
 * ecs-fargate: from a Dockerfile to a secure, load-balanced, auto-scaling service on AWS ECS Fargate.
 * This entry only exports; importing it creates nothing.
 */
export { Registry, RegistryArgs, RegistryBuild, RegistryLifecycle } from "./registry";
export { ImagePlatform, ImageTagMutability } from "./registryBuilders";
export { Capacity, FargateCluster, FargateClusterArgs } from "./cluster";
export { ContainerInsights } from "./clusterBuilders";
export { NatGateways } from "./network";
export { WebService } from "./webService";
export { Architecture, Autoscaling, Deployment, HealthCheck, Schedule, WebServiceArgs } from "./webServiceArgs";
export { InvalidArgumentsError } from "./validate";
