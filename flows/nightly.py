"""The nightly flow and the backfill flow: Prefect tasks around the steps of kpi.pipeline."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed

from kpi import pipeline, summary as run_summary
from kpi.dates import parse_day, today_amsterdam
from kpi.errors import KpiError
from kpi.paths import Locations
from kpi.terminal import step_done


def _transient(task, task_run, state) -> bool:
    """Retry a step only for operating-system errors (a file briefly unavailable), never for bad data."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


STEP = {"cache_policy": NO_CACHE, "on_completion": [step_done], "on_failure": [step_done]}
RETRYING = {**STEP, "retries": 2, "retry_delay_seconds": 2, "retry_condition_fn": _transient}

scan_landing = task(pipeline.plan_files, name="scan landing", **RETRYING)
load_files = task(pipeline.ingest_files, name="load new files", **STEP)
build_models = task(pipeline.build_models, name="build models", **STEP)
write_outputs = task(pipeline.stage_outputs, name="write outputs", **RETRYING)


def _execute(loc: Locations, command: str, as_of, first_period, wait: bool):
    """One run: its steps as tasks, then the artifacts. An error the user can act on ends the flow Failed with
    its one sentence, no traceback."""
    try:
        with pipeline.open_run(loc, command, as_of, first_period, wait=wait) as run:
            load_files(run, scan_landing(run))
            build_models(run)
            write_outputs(run)
            summary = pipeline.finish(run)
        pipeline.swap_outputs(run)
    except KpiError as e:
        get_run_logger().error(str(e))
        return Failed(message=str(e), data=e)
    return _finish(summary)


def _finish(summary: dict):
    """Leave the artifacts; end Failed (outputs already published) when a file was rejected."""
    create_markdown_artifact(run_summary.markdown(summary), key="kpi-run-summary",
                             description=f"KPI run {summary['run_id']}")
    create_table_artifact(run_summary.scorecard_table(summary), key="kpi-scorecard",
                          description=f"Scorecard as of {summary['board_as_of']}")
    if summary["rejected"]:
        names = ", ".join(r["file"] for r in summary["rejected"])
        return Failed(message=f"{len(summary['rejected'])} file(s) rejected: {names}; outputs were published "
                              "from the data that passed", data=summary)
    return summary


@flow(name="kpi-nightly")
def nightly(as_of: str | None = None, landing: str | None = None, warehouse: str | None = None,
            out: str | None = None, targets: str | None = None, wait: bool = False) -> dict:
    """Load new exports, validate them, build the models, compute KPIs up to as_of and publish."""
    day = parse_day(as_of, "as_of") if as_of else today_amsterdam()
    return _execute(Locations.resolve(landing, warehouse, out, targets), "run", day, None, wait)


@flow(name="kpi-backfill")
def backfill(start: str, end: str, landing: str | None = None, warehouse: str | None = None,
             out: str | None = None, targets: str | None = None, wait: bool = False) -> dict:
    """Recompute every period from start to end from what is loaded (loading new files first) and republish."""
    first, last = parse_day(start, "start"), parse_day(end, "end")
    return _execute(Locations.resolve(landing, warehouse, out, targets), "backfill", last, first, wait)
