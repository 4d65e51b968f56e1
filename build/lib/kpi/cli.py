"""The `kpi` command: run, backfill, validate, status, demo (../shared/spec/interface.md)."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from kpi.errors import EXIT_FAILED, EXIT_OK, EXIT_REJECTED, KpiError, UsageError
from kpi.frame_stack import call_with_room
from kpi.prefect_api import early as early_api
from kpi.summary import periods_line

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # offline machines: telemetry only produces errors
    "PREFECT_LOGGING_EXTRA_LOGGERS": "kpi",  # the pipeline's own log lines reach the flow run's log
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--landing", help="landing folder (default $KPI_LANDING or data/landing)")
    p.add_argument("--warehouse", help="DuckDB file (default $KPI_WAREHOUSE or data/warehouse.duckdb)")
    p.add_argument("--out", help="output folder (default $KPI_OUT or data/out)")
    p.add_argument("--targets", help="targets file (default $KPI_TARGETS or config/targets.toml)")
    p.add_argument("--language", help="language of the board outputs: nl (default) or en ($KPI_LANGUAGE)")
    p.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kpi", description="KPI pipeline for the strategy 2022–2025 scorecard.")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="the nightly job: load, validate, build, compute KPIs, publish")
    run.add_argument("--as-of", help="compute KPIs up to this date, YYYY-MM-DD (default today, Europe/Amsterdam)")
    run.add_argument("--wait", action="store_true", help="wait for a running job instead of exiting with 3")
    back = sub.add_parser("backfill", help="recompute the periods in a date range and republish")
    back.add_argument("--from", dest="start", required=True, help="first date, YYYY-MM-DD")
    back.add_argument("--to", dest="end", required=True, help="last date, YYYY-MM-DD")
    back.add_argument("--wait", action="store_true", help="wait for a running job instead of exiting with 3")
    val = sub.add_parser("validate", help="check one export file against the contract; writes nothing")
    val.add_argument("--source", required=True, help="members, activists, actions, donations, spending, cost_centers")
    val.add_argument("file", help="the export file")
    sub.add_parser("status", help="recent runs, loaded and rejected files, freshness per source")
    demo = sub.add_parser("demo", help="write a sample landing folder (if none is there) and run the nightly job")
    demo.add_argument("--scale", type=float, default=0.02, help="sample size; 1.0 = about 500,000 people")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--as-of", help="sample end and KPI date, YYYY-MM-DD (default today)")
    for p in (run, back, val, sub.choices["status"], demo):
        _common(p)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    logging.basicConfig(level=logging.INFO, format="time=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s")
    for noisy in ("httpx", "great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.command not in FLOW_COMMANDS:
        _imports_done()  # the collector is on for validate and status (a flow command turns it on in _flows)
    try:
        with early_api(args.command in FLOW_COMMANDS) as api:
            args.api = api  # Prefect's server, booting while the command imports; None: Prefect starts its own
            if args.language:
                from kpi.labels import Labels
                os.environ["KPI_LANGUAGE"] = Labels(args.language).language
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("kpi: interrupted; the warehouse and outputs were left as they were.", file=sys.stderr)
        return 130
    except Exception as e:  # the last line of defence: one sentence, no traceback unless asked
        if args.debug and not isinstance(e, KpiError):
            raise
        code, sentence = explain(e)
        print(f"kpi: error: {sentence}", file=sys.stderr)
        return code


def console() -> None:
    """The installed `kpi` command: main() tuned for a process that lives seconds to minutes.

    Python's cyclic garbage collector would spend ~0.7 s collecting during a flow command's ~2 s of imports
    and ~0.9 s sweeping every object at exit. It is off until the imports are done (_imports_done, before the
    flow runs; at once for the other commands) and skips the sweep. The imports are deep: main() runs with
    room on the frame stack (kpi.frame_stack)."""
    gc.disable()
    code = call_with_room(main)
    gc.freeze()  # exiting: the operating system frees the memory, no collection needs to visit it
    sys.exit(code)


def _imports_done() -> None:
    """Keep what the imports built out of every later collection, and turn the collector on for the run.

    Only where console() turned it off: main() called from Python keeps Python's defaults."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def explain(e: BaseException) -> tuple[int, str]:
    """The exit code and the one sentence for an error that ended a command."""
    if isinstance(e, KpiError):
        return e.exit_code, str(e)
    if _disk_full(e):
        return EXIT_FAILED, ("writing to disk failed because the disk is full or a file-size limit was reached; "
                             "free space and run again (the warehouse and outputs were left as they were).")
    first = str(e).splitlines()[0] if str(e) else ""
    return EXIT_FAILED, (f"the run failed unexpectedly ({type(e).__name__}: {first}); the warehouse and outputs "
                         "were left as they were; rerun with --debug for details.")


def _disk_full(e: BaseException) -> bool:
    import errno
    if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    text = str(e).lower()
    return any(s in text for s in ("no space left", "file too large", "disk quota", "disk i/o error"))


def _paths(args) -> dict:
    return {k: getattr(args, k) for k in ("landing", "warehouse", "out", "targets")}


def _outcome(state) -> dict:
    """The summary a flow run returned, also when it ended Failed for a rejected file; re-raise a crash."""
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return result


def _report(summary: dict) -> int:
    print(f"run {summary['run_id']}: {summary['files_loaded']} file(s) loaded, {summary['files_rejected']} rejected, "
          f"{summary['files_skipped']} skipped; {len(summary['restatements'])} published value(s) restated.")
    print(periods_line(summary))
    for r in summary["rejected"]:
        print(f"  rejected {r['file']}: {r['reason']}")
    print(f"Warehouse: {Path(summary['warehouse']).resolve()}")
    print(f"Outputs:   {Path(summary['out']).resolve()}")
    return EXIT_REJECTED if summary["rejected"] else EXIT_OK


@contextmanager
def _preflight(args):
    """Catch usage and configuration mistakes, take the writer lock and, when the run will load or build, start
    copying the warehouse (kpi.working_copy.copy_ahead), all before a flow run starts; yields the flows."""
    from kpi.manifest import new_files_waiting
    from kpi.paths import Locations
    from kpi.pipeline import preflight
    from kpi.warehouse import writer_lock
    from kpi.working_copy import copy_ahead
    loc = Locations.resolve(**_paths(args))
    preflight(loc)
    with writer_lock(loc.warehouse, "starting", args.command, wait=getattr(args, "wait", False)):
        new_files = new_files_waiting(loc.landing, loc.warehouse)
        with copy_ahead(loc.warehouse, wanted=new_files or args.command == "backfill"):
            yield _flows(args, new_files)


def _flows(args, new_files: bool):
    """The flows, once Prefect's server answers; when new files wait, Great Expectations imports on a thread
    (~2 s) meanwhile."""
    import flows.nightly
    from kpi.gate import preload
    if new_files:
        preload()
    if args.api:
        # Prefect imports this (~0.4 s) only as it creates the flow run, after the server answers: now, while it boots
        import fastapi.encoders  # noqa: F401
        args.api.ready()
    _imports_done()
    return flows.nightly


def cmd_run(args) -> int:
    from kpi.dates import parse_day
    if args.as_of:
        parse_day(args.as_of, "--as-of")
    with _preflight(args) as flows:
        state = flows.nightly(as_of=args.as_of, wait=args.wait, return_state=True, **_paths(args))
    return _report(_outcome(state))


def cmd_backfill(args) -> int:
    from kpi.dates import parse_day
    if parse_day(args.start, "--from") > parse_day(args.end, "--to"):
        raise UsageError(f"--from ({args.start}) must not be after --to ({args.end}).")
    with _preflight(args) as flows:
        state = flows.backfill(start=args.start, end=args.end, wait=args.wait, return_state=True, **_paths(args))
    return _report(_outcome(state))


def cmd_validate(args) -> int:
    from kpi.paths import Locations
    from kpi.validate import validate_file
    return validate_file(args.source, Path(args.file), Locations.resolve(**_paths(args)).warehouse)


def cmd_status(args) -> int:
    from kpi.paths import Locations
    from kpi.status import print_status
    print_status(Locations.resolve(**_paths(args)))
    return EXIT_OK


def cmd_demo(args) -> int:
    from kpi.dates import parse_day, today_amsterdam
    from kpi.paths import Locations
    from kpi.sample import generate
    loc = Locations.resolve(**_paths(args))
    if args.scale <= 0:
        raise UsageError("--scale must be a positive number such as 0.02.")
    end = parse_day(args.as_of, "--as-of") if args.as_of else today_amsterdam()
    if not loc.landing.exists() or not any(loc.landing.iterdir()):
        counts = generate(loc.landing, scale=args.scale, seed=args.seed, end=end)
        print(f"Sample landing folder written to {loc.landing.resolve()} ({sum(counts.values())} files).")
    else:
        print(f"Using the landing folder already at {loc.landing.resolve()}.")
    with _preflight(args) as flows:
        state = flows.nightly(as_of=end.isoformat(), return_state=True, **_paths(args))
    return _report(_outcome(state))


FLOW_COMMANDS = ("run", "backfill", "demo")  # the commands that start Prefect's server early (kpi.prefect_api)
COMMANDS = {"run": cmd_run, "backfill": cmd_backfill, "validate": cmd_validate, "status": cmd_status,
            "demo": cmd_demo}

if __name__ == "__main__":
    console()
