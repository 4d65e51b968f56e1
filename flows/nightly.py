"""The nightly flow and the backfill flow: load new exports, build the models, publish the outputs."""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from kpi import pipeline
from kpi.dates import parse_day, today_amsterdam
from kpi.paths import Locations


def _transient(task, task_run, state) -> bool:
    """Retry a step only for operating-system errors (a file briefly unavailable), never for bad data."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=_transient, cache_policy=NO_CACHE)
def scan_landing(run):
    return pipeline.plan_files(run)


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=_transient, cache_policy=NO_CACHE,
      task_run_name="ingest {decision.file.name}")
def ingest_file(run, decision):
    return pipeline.ingest_file(run, decision)


@task(cache_policy=NO_CACHE)
def build_models(run):
    pipeline.build_models(run)


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=_transient, cache_policy=NO_CACHE)
def stage_outputs(run):
    pipeline.stage_outputs(run)


def _run(command: str, as_of, first_period, landing, warehouse, out, targets, wait) -> dict:
    loc = Locations.resolve(landing, warehouse, out, targets)
    with pipeline.open_run(loc, command, as_of, first_period, wait=wait) as run:
        for decision in scan_landing(run):
            ingest_file(run, decision)
        build_models(run)
        stage_outputs(run)
        summary = pipeline.finish(run)
    pipeline.swap_outputs(run)
    return summary


@flow(name="kpi-nightly")
def nightly(as_of: str | None = None, landing: str | None = None, warehouse: str | None = None,
            out: str | None = None, targets: str | None = None, wait: bool = False) -> dict:
    """Load new exports, validate them, build the models, compute KPIs up to as_of and publish."""
    day = parse_day(as_of, "as_of") if as_of else today_amsterdam()
    return _run("run", day, None, landing, warehouse, out, targets, wait)


@flow(name="kpi-backfill")
def backfill(start: str, end: str, landing: str | None = None, warehouse: str | None = None,
             out: str | None = None, targets: str | None = None, wait: bool = False) -> dict:
    """Recompute every period from start to end from what is loaded (loading new files first) and republish."""
    first, last = parse_day(start, "start"), parse_day(end, "end")
    return _run("backfill", last, first, landing, warehouse, out, targets, wait)
