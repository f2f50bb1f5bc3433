"""A platform on one cluster, as a Python user writes it with the generated SDK (the components of
../../stacks/platform without its SQS queue and Service Connect ingress rules, which need pulumi_aws).

One LoadBalancer routes two WebServices by host (api deploys blue/green); one WorkerService scales on a queue's
backlog and calls api through Service Connect. Configured from `platform` (the keys of
../../stacks/platform/Pulumi.platform.yaml).
"""
import pulumi
import pulumi_ecs_fargate as ecs_fargate

cfg = pulumi.Config().require_object("platform")
cluster_cfg = cfg["cluster"]

cluster = ecs_fargate.FargateCluster(
    "main",
    cluster_name=cluster_cfg["clusterName"],
    nat_gateways=cluster_cfg["natGateways"],
    service_connect_namespace=cluster_cfg["serviceConnectNamespace"],
)
edge = ecs_fargate.LoadBalancer(
    "edge", vpc_id=cluster.vpc_id, subnet_ids=cluster.public_subnet_ids, certificate_arn=cfg["certificateArn"],
)
common = dict(
    cluster_arn=cluster.cluster_arn, vpc_id=cluster.vpc_id, subnet_ids=cluster.private_subnet_ids,
    image=cfg["image"], container_port=cfg["port"], architecture=ecs_fargate.Architecture.ARM64,
    user="1000:1000", desired_count=2, log_retention_days=365, health_check={"path": "/health"},
)


def behind_edge(priority, host):
    return {
        "listener_arn": edge.listener_arn, "security_group_id": edge.security_group_id, "arn_suffix": edge.arn_suffix,
        "priority": priority, "host_headers": [host],
    }


api = ecs_fargate.WebService(
    "api", **common,
    load_balancer=behind_edge(10, cfg["apiHost"]),
    service_connect={"discovery_name": "api"},
    deployment={"strategy": ecs_fargate.DeploymentStrategy.BLUE_GREEN, "bake_time_minutes": 10},
)
www = ecs_fargate.WebService(
    "www", **common,
    load_balancer=behind_edge(20, cfg["wwwHost"]),
    service_connect={"client_only": True},
)
worker = ecs_fargate.WorkerService(
    "worker",
    cluster_arn=cluster.cluster_arn, vpc_id=cluster.vpc_id, subnet_ids=cluster.private_subnet_ids,
    image=cfg["image"], architecture=ecs_fargate.Architecture.ARM64, user="1000:1000", log_retention_days=365,
    command=["worker"],
    container_health_check={"command": ["CMD-SHELL", "test -f /tmp/healthy || exit 1"], "start_period_seconds": 30},
    environment={"API_URL": f"http://api:{cfg['port']}"},
    service_connect={"client_only": True},
    autoscaling={"min_capacity": 2, "max_capacity": 10, "queue_depth": {"queue_name": cfg["queueName"], "messages_per_task": 100}},
)

pulumi.export("url", edge.url)
pulumi.export("apiServiceArn", api.service_arn)
pulumi.export("wwwServiceArn", www.service_arn)
pulumi.export("workerServiceArn", worker.service_arn)
