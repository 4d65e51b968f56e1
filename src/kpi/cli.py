"""The `kpi` command: run, backfill, validate, status, demo (../shared/spec/interface.md)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kpi.errors import EXIT_FAILED, EXIT_OK, EXIT_REJECTED, KpiError, UsageError
from kpi import lifeline, prefect_defaults, terminal
from kpi.contract import SOURCES
from kpi.summary import fmt, periods_line

def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--landing", help="landing folder (default $KPI_LANDING or data/landing)")
    p.add_argument("--warehouse", help="DuckDB file (default $KPI_WAREHOUSE or data/warehouse.duckdb)")
    p.add_argument("--out", help="output folder (default $KPI_OUT or data/out)")
    p.add_argument("--targets", help="targets file (default $KPI_TARGETS or config/targets.toml)")
    p.add_argument("--language", help="language of the board outputs: nl (default) or en ($KPI_LANGUAGE)")
    p.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    p.add_argument("--verbose", action="store_true", help="show the full log on the terminal (it is always written "
                                                          "to <warehouse>.log)")


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
    val.add_argument("--source", required=True, help=", ".join(SOURCES))
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
    prefect_defaults.apply()
    terminal.configure(args.verbose)
    try:
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
    """The installed `kpi` command; a flow command runs in a child process tied to it (kpi.lifeline)."""
    argv = sys.argv[1:]
    if lifeline.in_child():
        lifeline.die_with_parent()
    elif argv and argv[0] in FLOW_COMMANDS:
        sys.exit(lifeline.run_in_child(argv))
    sys.exit(main(argv))


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


def _checked_paths(args) -> dict:
    """The locations, checked before Prefect starts (a usage mistake or a running job is reported at once, in one
    sentence); from here on the full log also goes to <warehouse>.log."""
    from kpi.paths import Locations
    from kpi.pipeline import check_locations
    from kpi.warehouse import check_writable, probe_lock
    loc = Locations.resolve(**_paths(args))
    check_locations(loc)
    check_writable(loc.warehouse)
    if not getattr(args, "wait", False):
        probe_lock(loc.warehouse)  # another run: say so at once (the flow takes the lock itself)
    terminal.configure(args.verbose, loc.warehouse.with_name(loc.warehouse.name + ".log"))
    return _paths(args)


def _outcome(state) -> dict:
    """The summary a flow run returned, also when it ended Failed for a rejected file; re-raise an error."""
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
    for h in summary["headline"]:
        if h["kpi_id"] in HEADLINE:
            target = f" (target {fmt(h['target'], h['unit'])})" if h["target"] is not None else ""
            print(f"  {h['kpi_id']:<34} {fmt(h['value'], h['unit']):>14}{target} {h['status'] or ''}".rstrip())
    print(f"Warehouse: {Path(summary['warehouse']).resolve()}")
    print(f"Outputs:   {Path(summary['out']).resolve()}")
    return EXIT_REJECTED if summary["rejected"] else EXIT_OK


def cmd_run(args) -> int:
    from kpi.dates import parse_day
    if args.as_of:
        parse_day(args.as_of, "--as-of")
    paths = _checked_paths(args)
    from flows.nightly import nightly
    return _report(_outcome(nightly(as_of=args.as_of, wait=args.wait, return_state=True, **paths)))


def cmd_backfill(args) -> int:
    from kpi.dates import parse_day
    if parse_day(args.start, "--from") > parse_day(args.end, "--to"):
        raise UsageError(f"--from ({args.start}) must not be after --to ({args.end}).")
    paths = _checked_paths(args)
    from flows.nightly import backfill
    return _report(_outcome(backfill(start=args.start, end=args.end, wait=args.wait, return_state=True, **paths)))


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
    paths = _checked_paths(args)
    from flows.nightly import nightly
    return _report(_outcome(nightly(as_of=end.isoformat(), return_state=True, **paths)))


FLOW_COMMANDS = ("run", "backfill", "demo")
HEADLINE = ("movement_total", "movement_forecast", "income_total", "costs_total", "fundraising_cost_ratio",
            "objective_spending_ratio_costs", "management_admin_ratio", "income_vs_budget", "costs_vs_budget")
COMMANDS = {"run": cmd_run, "backfill": cmd_backfill, "validate": cmd_validate, "status": cmd_status,
            "demo": cmd_demo}

if __name__ == "__main__":
    console()
