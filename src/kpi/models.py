"""The SQL models in build order (staging -> marts -> kpi) and the step that builds them for one run."""

from __future__ import annotations

import logging
import time
from datetime import date

from kpi import faults, movement_marts
from kpi import targets as targets_file
from kpi.contract import LOAD_ORDER, SOURCES
from kpi.errors import RunFailed
from kpi.sqlfiles import query, render, run_script, set_variables, sql, sql_version

log = logging.getLogger("kpi")

SNAPSHOTS = tuple(name for name in LOAD_ORDER if SOURCES[name].kind == "snapshot")  # staging/stg_snapshot.sql
EVENTS = tuple(name for name in LOAD_ORDER if SOURCES[name].kind == "event")  # staging/stg_events.sql
# after marts/periods and the movement's marts (kpi.movement_marts)
MARTS = ("marts/fct_income", "marts/fct_costs", "marts/budget_periods")
KPI = ("kpi/kpi_catalog", "kpi/movement", "kpi/finance", "kpi/portfolio_income", "kpi/income_mix",
       "kpi/organisation", "kpi/impact", "kpi/scorecard_new", "kpi/open_rejections", "kpi/source_freshness",
       "kpi/scorecard_quality_new", "kpi/member_flows", "kpi/budget_lines", "kpi/campaign_returns",
       "kpi/staff_by_department")
BREAKDOWNS = {"roles": "roles", "activist_type": "activist_type", "age_band": "age_band",
              "region": "postal_region"}  # kpi.movement_by_<name>: the measure of marts.movement_cells it shows
YTD_BREAKDOWNS = {  # kpi.<table> by sql/kpi/ytd_by.sql: the fact, its euro column and the two categories
    "income_by_source": {"fact": "marts.fct_income", "amount": "amount", "first": "income_source",
                         "second": "income_type"},
    "costs_by_category": {"fact": "marts.fct_costs", "amount": "allocated_amount", "first": "category",
                          "second": "objective"},
}
PUBLISH = ("publish/restatements", "publish/scorecard")


def staging_sql_sha() -> str:
    """A version of the staging SQL: a merge needs the table to have been built by the same statements."""
    return sql_version("staging/stg_events", "increments/merge_events", "schema/warehouse")


def build_staging(con) -> dict[str, int]:
    """Build the staging relations; merge an event source's new files into its table when that is safe.

    Returns, per event source, the file after which new files were merged (0: the table was rebuilt)."""
    set_variables(con, staging_sql_sha=staging_sql_sha(), mergeable_sources=list(EVENTS))
    mergeable = dict(query(con, "increments/staging_mergeable").fetchall())
    run_script(con, "staging/stg_files")
    for source in SNAPSHOTS:
        con.execute(render("staging/stg_snapshot", source=source))
    for source in EVENTS:
        started, key = time.perf_counter(), SOURCES[source].key
        if source in mergeable:
            set_variables(con, staged_through_file_id=mergeable[source])
            con.execute(render("increments/merge_events", source=source, key=key))
        else:
            con.execute(render("staging/stg_events", source=source, key=key))
        log.info("event=model_built model=staging.stg_%s how=%s seconds=%.2f", source,
                 "merge" if source in mergeable else "rebuild", time.perf_counter() - started)
    run_script(con, "increments/record_staged")
    return {source: mergeable.get(source, 0) for source in EVENTS}


def set_run_variables(con, run_id: str, as_of: date, first_period: date) -> None:
    set_variables(con, run_id=run_id, run_as_of=as_of, run_first_period=first_period)


def build(con, targets: targets_file.Targets, run_id: str, as_of: date, first_period: date | None) -> tuple[date, dict]:
    """Build every model, reconcile, and replace the scorecard rows of the periods from first_period to as_of.

    Returns the first period and how the incremental models were built: per event source "merge" or
    "rebuild", and the movement's marts (kpi.movement_marts.build)."""
    first = first_period or targets.first_period()
    set_run_variables(con, run_id, as_of, first)
    targets_file.install(con, targets)
    staged = build_staging(con)
    faults.checkpoint("building")
    run_script(con, "marts/periods")
    movement = movement_marts.build(con, staged["actions"])
    log.info("event=model_built model=movement marts %s", " ".join(f"{k}={v}" for k, v in movement.items()))
    for model in MARTS + KPI:
        started = time.perf_counter()
        run_script(con, model)
        log.info("event=model_built model=%s seconds=%.2f", model, time.perf_counter() - started)
    for breakdown, category in BREAKDOWNS.items():
        con.execute(render("kpi/movement_by", breakdown=breakdown, category=category))
    for table, columns in YTD_BREAKDOWNS.items():
        con.execute(render("kpi/ytd_by", table=table, **columns))
    reconcile(con)
    for step in PUBLISH:
        run_script(con, step)
    return first, {"staging": {s: "merge" if f else "rebuild" for s, f in staged.items()}, "movement": movement}


def reconcile(con) -> None:
    """Stop the run when the scorecard's totals differ from staging or from the breakdown tables; warn about costs
    that cannot be allocated."""
    for check, against in (("checks/reconcile", "staging"), ("checks/reconcile_breakdowns", "its breakdown table")):
        mismatches = con.execute(sql(check)).fetchall()
        if mismatches:
            period, kpi_id, scorecard, other = mismatches[0]
            raise RunFailed(f"Reconciliation failed for {len(mismatches)} period(s): {kpi_id} at {period} is "
                            f"{_amount(scorecard)} in the scorecard but {_amount(other)} in {against}; nothing was "
                            "published; report this with the run id.")
    for cost_center, lines, amount, first in con.execute(sql("checks/unallocated")).fetchall():
        log.warning("event=unallocated_costs cost_center=%s lines=%d amount=%.2f first_booking=%s reason=%r",
                    cost_center, lines, amount, first, "not in the current cost_centers snapshot; add it to the key")


def _amount(value: float | None) -> str:
    return "empty" if value is None else f"{value:,.6g}" if abs(value) < 10 else f"{value:,.2f}"
