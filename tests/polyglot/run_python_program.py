"""Runs a Pulumi Python program as the Python language host does (its `pulumi-language-python-exec`, which ships
with the CLI rather than the `pulumi` wheel): config from PULUMI_CONFIG, the runtime pointed at the monitor and
engine given as flags, then the program's `__main__.py` inside the stack resource. Exits 1 when the program fails,
after logging the error to the engine, as the real one does.

    python run_python_program.py --monitor ADDR --engine ADDR --project P --stack S --pwd DIR [--dry_run true] DIR
"""
import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback

import pulumi
import pulumi.runtime


def main() -> int:
    ap = argparse.ArgumentParser(description="Execute a Pulumi Python program")
    for flag in ("--project", "--stack", "--monitor", "--engine", "--pwd", "--organization"):
        ap.add_argument(flag, required=flag != "--organization")
    ap.add_argument("--parallel", default="16")
    ap.add_argument("--dry_run", default="false")
    ap.add_argument("PROGRAM")
    args = ap.parse_args()

    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
    pulumi.runtime.configure(
        pulumi.runtime.Settings(
            project=args.project,
            stack=args.stack,
            monitor=args.monitor,
            engine=args.engine,
            parallel=int(args.parallel),
            dry_run=args.dry_run == "true",
            organization=args.organization,
            root_directory=args.pwd,
        )
    )
    os.chdir(args.pwd)
    sys.argv = [args.PROGRAM]
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(args.PROGRAM, run_name="__main__")))
        return 0
    except pulumi.RunError as e:
        pulumi.log.error(str(e))
    except Exception:
        pulumi.log.error(traceback.format_exc())
    finally:
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return 1


if __name__ == "__main__":
    sys.exit(main())
