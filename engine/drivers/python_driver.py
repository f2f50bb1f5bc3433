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
from datetime import datetime

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
    ap.add_argument("--new", action="store_true", help="the backend has no checkpoint of the stack: create it rather than select it")
    args = ap.parse_args()

    def program() -> None:
        # As the language host runs it: in the program's folder, as __main__.
        os.chdir(args.program)
        runpy.run_path(os.path.join(args.program, "__main__.py"), run_name="__main__")

    command = auto.PulumiCommand(root=args.cli_root)
    stack = open_stack(args.new, args.stack, args.project, program, auto.LocalWorkspaceOptions(work_dir=args.work, pulumi_command=command))
    out = lambda text: print(text, flush=True)  # noqa: E731
    policy = {"policy_packs": args.policy_pack or None, "policy_pack_configs": args.policy_pack_config or None}
    result = EventResult(stack)
    err = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    common = {"on_output": out, "on_error": err, "on_event": result.see, "color": "never"}
    try:
        if args.op == "preview":
            stack.preview(**common, **policy)
        elif args.op == "up":
            stack.up(**common, **policy)
        elif args.op == "destroy":
            stack.destroy(**common)
        else:
            stack.refresh(**common)
    except auto.CommandError as e:
        # The CLI's output and errors were streamed; the error repeats both after its exit code.
        code = re.search(r"code: (-?\d+)", str(e))
        return int(code.group(1)) if code and int(code.group(1)) > 0 else 1
    if result.changes is None:
        print("the Pulumi CLI exited without the summary event of its operation", file=sys.stderr, flush=True)
        return 1
    print("\nECS_FARGATE_RESULT " + json.dumps({"changes": result.changes, "outputs": result.outputs}), flush=True)
    return 0


def open_stack(create: bool, name: str, project: str, program, opts: auto.LocalWorkspaceOptions) -> auto.Stack:
    """Creates the stack when the backend has no checkpoint of it and selects it otherwise: the SDK's
    create_or_select_stack runs `stack select` first, a CLI run that fails on every new stack."""
    if create:
        try:
            return auto.create_stack(stack_name=name, project_name=project, program=program, opts=opts)
        except auto.StackAlreadyExistsError:
            pass
    return auto.select_stack(stack_name=name, project_name=project, program=program, opts=opts)


class EventResult:
    """An operation's result as its own engine events tell it: the change counts (the summary event) and the
    stack's outputs (the root stack's outputs event; a secret one reads "[secret]", as the CLI prints it).

    Stack.up, destroy and refresh end with three more CLI runs only to fill in their result objects (`stack output`
    twice, then `stack history`), 0.8 s of each run; the result here uses neither. So this stack's outputs() and
    info(), which those operations call once the CLI has exited, answer without the CLI (engine/local.ts does the
    same for TypeScript).
    """

    def __init__(self, stack: auto.Stack) -> None:
        self.changes = None
        self.outputs = {}
        stack.outputs = lambda: {}
        stack.info = lambda *args, **kwargs: _UNREAD_SUMMARY

    def see(self, event: auto.EngineEvent) -> None:
        if event.summary_event is not None:
            self.changes = dict(event.summary_event.resource_changes or {})
        step = event.res_outputs_event.metadata if event.res_outputs_event is not None else None
        if step is not None and step.type == "pulumi:pulumi:Stack" and step.new is not None:
            self.outputs = dict(step.new.outputs or {})


# What this stack's info() answers: nothing is read from it.
_UNREAD_SUMMARY = auto.UpdateSummary(kind="", start_time=datetime.min, message="", environment={}, config={}, result="")


if __name__ == "__main__":
    sys.exit(main())
