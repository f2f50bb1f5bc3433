/**
 * ecs-fargate: from a Dockerfile to a secure, load-balanced, auto-scaling service on AWS ECS Fargate.
 * This entry only exports; importing it creates nothing.
 */
export { Registry } from "./registry";
export { ImagePlatform, ImageTagMutability, RegistryArgs, RegistryBuild, RegistryLifecycle } from "./registryArgs";
export { FargateCluster } from "./cluster";
export { Capacity, ContainerInsights, FargateClusterArgs } from "./clusterArgs";
export { NatGateways } from "./network";
export { LoadBalancer } from "./loadBalancer";
export { LoadBalancerArgs } from "./loadBalancerArgs";
export { WebService } from "./webService";
export { WorkerService } from "./workerService";
export { QueueDepth, WorkerAutoscaling, WorkerServiceArgs } from "./workerServiceArgs";
export { Architecture, ContainerHealthCheck, Deployment, DeploymentStrategy, EfsVolume, ScalingBounds, Schedule, ServiceConnect, Sidecar, TaskArgs } from "./taskArgs";
export { Autoscaling, HealthCheck, LoadBalancerAttachment, WebServiceArgs } from "./webServiceArgs";
export { InvalidArgumentsError } from "./validate";
