"""The demo program of ../../index.ts, as a Python user writes it with the generated SDK.

Registry -> FargateCluster -> WebService, each configured from the stack's config (`Pulumi.<stack>.yaml`,
the same keys as the TypeScript demo). The components run in the ecs-fargate provider plugin; this program
only wires their outputs together.
"""
import re

import pulumi
import pulumi_ecs_fargate as ecs_fargate

# Config objects whose keys are the user's own (environment variable names, secret names, tags, build args):
# they are passed on as written, never renamed.
USER_KEYED = {"environment", "secrets", "tags", "args"}


def python_names(value):
    """Config objects are written with the schema's camelCase names (`containerPort`, `healthCheck.path`);
    the SDK takes snake_case keyword arguments and dicts (`container_port`, `health_check={"path": ...}`)."""
    if isinstance(value, list):
        return [python_names(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower(): item if key in USER_KEYED else python_names(item)
        for key, item in value.items()
    }


config = pulumi.Config()
registry_args = python_names(config.get_object("registry") or {})
cluster_args = python_names(config.get_object("cluster") or {})
service_args = python_names(config.get_object("service") or {})
tasks_in_public_subnets = config.get_bool("tasksInPublicSubnets") or False

registry = ecs_fargate.Registry("app", **registry_args)
cluster = ecs_fargate.FargateCluster("main", **cluster_args)
service = ecs_fargate.WebService(
    "web",
    **service_args,
    cluster_arn=cluster.cluster_arn,
    vpc_id=cluster.vpc_id,
    subnet_ids=cluster.public_subnet_ids if tasks_in_public_subnets else cluster.private_subnet_ids,
    load_balancer_subnet_ids=cluster.public_subnet_ids,
    image=registry.image_uri,
)

pulumi.export("url", service.url)
pulumi.export("imageUri", registry.image_uri)
pulumi.export("repositoryUrl", registry.repository_url)
pulumi.export("clusterArn", cluster.cluster_arn)
pulumi.export("serviceArn", service.service_arn)
pulumi.export("taskDefinitionArn", service.task_definition_arn)
pulumi.export("loadBalancerArn", service.load_balancer_arn)
pulumi.export("logGroupName", service.log_group_name)
