"""Checks an installed pulumi_ecs_fargate from the Python that runs this file (a new virtualenv), then runs
examples/python with it under the Python SDK's mocks. Prints one JSON object: the installed version, the module's
file, every docstring that differs from schema.json, and the resources the example registered.

    python wheel_check.py <schema.json> <examples/python/__main__.py>     (config in PULUMI_CONFIG, as JSON)
"""
import importlib.metadata
import inspect
import json
import os
import re
import runpy
import sys
import typing

import pulumi
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

import pulumi_ecs_fargate


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def docstring_problems(schema):
    """Each component's args and outputs must carry the schema's description (the components' JSDoc)."""
    problems = []
    for token, resource in schema["resources"].items():
        name = token.split(":")[2]
        for cls, props in ((getattr(pulumi_ecs_fargate, name + "Args"), resource["inputProperties"]),
                           (getattr(pulumi_ecs_fargate, name), resource["properties"])):
            for prop, spec in props.items():
                attr = getattr(cls, snake(prop), None)
                # Pulumi's codegen indents a multi-line description's later lines; cleandoc undoes exactly that.
                doc = inspect.cleandoc(attr.__doc__ or "") if attr is not None else None
                if doc != spec.get("description", "").strip():
                    problems.append({"where": f"{cls.__name__}.{snake(prop)}", "expected": spec.get("description"), "got": doc})
        # The component's own description opens the docstring of each constructor overload (what an IDE shows).
        overloads = typing.get_overloads(getattr(pulumi_ecs_fargate, name).__init__)
        docs = [inspect.cleandoc(o.__doc__ or "") for o in overloads]
        if len(docs) != 2 or not all(resource["description"].strip() in d for d in docs):
            problems.append({"where": f"{name}.__init__ overloads", "expected": resource["description"], "got": docs})
    return problems


# What the remote components hand back under mocks: enough for the example to wire one into the next.
FAKE_OUTPUTS = {
    "ecs-fargate:index:Registry": {"imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/devops-ecr@sha256:0000"},
    "ecs-fargate:index:FargateCluster": {
        "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/devops-cluster", "vpcId": "vpc-0001",
        "publicSubnetIds": ["subnet-public-a", "subnet-public-b"], "privateSubnetIds": ["subnet-private-a", "subnet-private-b"],
    },
}


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.resources = []

    def new_resource(self, args):
        self.resources.append({"type": args.typ, "name": args.name, "inputs": args.inputs})
        return [f"{args.name}-id", {**args.inputs, **FAKE_OUTPUTS.get(args.typ, {})}]

    def call(self, args):
        return {}


def run_example(example):
    config = json.loads(os.environ["PULUMI_CONFIG"])
    project = next(k.split(":")[0] for k in config if k.endswith(":registry"))
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, project=project, stack="dev", preview=False)
    pulumi.runtime.set_all_config(config)
    _sync_await(run_pulumi_func(lambda: runpy.run_path(example, run_name="__main__")))
    return mocks.resources


def main():
    schema_path, example = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    result = {
        "version": importlib.metadata.version("pulumi_ecs_fargate"),
        "file": pulumi_ecs_fargate.__file__,
        "docstringProblems": docstring_problems(schema),
        "resources": run_example(example),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
