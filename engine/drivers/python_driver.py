"""Runs a Python project's program (the `__main__.py` of --program: examples/python, examples/python-platform)
through the real Pulumi CLI as an Automation API inline program: the Python language host cannot be had here,
so the CLI talks to the Python SDK's in-process language server. engine/local.ts starts it with the local
workspace's environment (file backend, simulated cloud, plugins on PATH) and reads the last line,
`ECS_FARGATE_RESULT {"changes": {...}, "outputs": {...}}`. On a failure it exits with the CLI's exit code.

    python python_driver.py --op up --stack dev --project ecs-fargate --work DIR --cli-root DIR --program DIR
"""
import argparse
import json
import os
import re
import runpy
import sys

from pulumi import automation as auto


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--op", choices=["preview", "up", "destroy", "refresh"], required=True)
    ap.add_argument("--stack", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--work", required=True, help="the workspace folder (Pulumi.yaml and Pulumi.<stack>.yaml)")
    ap.add_argument("--cli-root", required=True, help="the folder whose bin/pulumi is the CLI")
    ap.add_argument("--program", required=True, help="the folder of the program's __main__.py")
    ap.add_argument("--policy-pack", action="append", default=[])
    ap.add_argument("--policy-pack-config", action="append", default=[])
    args = ap.parse_args()

    def program() -> None:
        # As the language host runs it: in the program's folder, as __main__.
        os.chdir(args.program)
        runpy.run_path(os.path.join(args.program, "__main__.py"), run_name="__main__")

    command = auto.PulumiCommand(root=args.cli_root)
    stack = auto.create_or_select_stack(
        stack_name=args.stack,
        project_name=args.project,
        program=program,
        opts=auto.LocalWorkspaceOptions(work_dir=args.work, pulumi_command=command),
    )
    out = lambda text: print(text, flush=True)  # noqa: E731
    policy = {"policy_packs": args.policy_pack or None, "policy_pack_configs": args.policy_pack_config or None}
    outputs = {}
    try:
        if args.op == "preview":
            changes = stack.preview(on_output=out, color="never", **policy).change_summary
        elif args.op == "up":
            result = stack.up(on_output=out, color="never", **policy)
            changes = result.summary.resource_changes
            outputs = {k: v.value for k, v in result.outputs.items()}
        elif args.op == "destroy":
            changes = stack.destroy(on_output=out, color="never").summary.resource_changes
        else:
            changes = stack.refresh(on_output=out, color="never").summary.resource_changes
    except auto.CommandError as e:
        print(e, file=sys.stderr, flush=True)
        code = re.search(r"code: (-?\d+)", str(e))
        return int(code.group(1)) if code and int(code.group(1)) > 0 else 1
    print("\nECS_FARGATE_RESULT " + json.dumps({"changes": changes or {}, "outputs": outputs}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
