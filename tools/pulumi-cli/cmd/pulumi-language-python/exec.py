"""Runs a Pulumi Python program for this project's language host (main.go), as the official host's
runner does: the stack's configuration from PULUMI_CONFIG, the runtime settings from the flags, then
the program's __main__.py (or the file named) inside the stack, on an asyncio loop of its own."""
import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback

# After an error the program already reported: the host then tells the engine to stay quiet.
REPORTED = 32

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(traceback.format_exc(), file=sys.stderr)
    print("The pulumi package is not installed for this program's Python: install its requirements "
          "(pip install -r requirements.txt) in the virtualenv Pulumi.yaml names.", file=sys.stderr)
    sys.exit(1)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run a Pulumi Python program")
    for flag in ("project", "stack", "organization", "root_directory", "parallel", "dry_run", "pwd", "monitor", "engine", "tracing"):
        parser.add_argument("--" + flag)
    parser.add_argument("PROGRAM")
    parser.add_argument("ARGS", nargs="*")
    return parser.parse_args()


def main() -> int:
    args = parse()
    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
    pulumi.runtime.configure(
        pulumi.runtime.Settings(
            project=args.project,
            stack=args.stack,
            monitor=args.monitor,
            engine=args.engine,
            parallel=int(args.parallel) if args.parallel else None,
            dry_run=args.dry_run == "true",
            organization=args.organization,
            root_directory=args.root_directory,
        )
    )
    sys.argv = [args.PROGRAM, *args.ARGS]
    if args.pwd:
        os.chdir(args.pwd)
    # The program's own directory is importable, as `python <dir>` makes it.
    sys.path.insert(0, args.PROGRAM if os.path.isdir(args.PROGRAM) else os.path.dirname(os.path.abspath(args.PROGRAM)))
    # Futures a failed program leaves unresolved are expected; asyncio's complaints about them are noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(args.PROGRAM, run_name="__main__")))
        return 0
    except pulumi.RunError as error:
        pulumi.log.error(str(error))
    except Exception:  # noqa: BLE001 - any failure of the program is reported to the engine
        pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
    finally:
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return REPORTED


if __name__ == "__main__":
    sys.exit(main())
