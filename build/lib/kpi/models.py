"""The SQL models in build order (staging -> marts -> kpi) and the step that builds them for one run."""

from __future__ import annotations

import logging
import time
from datetime import date

from kpi import action_days, faults, movement_cells, persons
from kpi import targets as targets_file
from kpi.errors import RunFailed
from kpi.contract import SOURCES
from kpi.sqlfiles import query, render, run_script, set_variables, sql, sql_version
from kpi.warehouse import table_names

log = logging.getLogger("kpi")

STAGING = ("staging/stg_files", "staging/stg_cost_centers", "staging/stg_members", "staging/stg_activists",
           "staging/stg_actions", "staging/stg_donations", "staging/stg_spending")
MARTS = ("marts/periods", "marts/person_keys", "marts/fct_action_days", "marts/persons", "marts/movement_cells",
         "marts/fct_income", "marts/fct_costs")  # marts/persons: dim_person and fct_role_periods (kpi.persons)
KPI = ("kpi/kpi_catalog", "kpi/movement", "kpi/finance",
       "kpi/scorecard_new", "kpi/open_rejections", "kpi/source_freshness", "kpi/scorecard_quality_new", "kpi/income_by_source",
       "kpi/costs_by_category", "kpi/movement_by_roles", "kpi/movement_by_activist_type",
       "kpi/movement_by_age_band", "kpi/movement_by_region", "kpi/member_flows")
PUBLISH = ("publish/restatements", "publish/scorecard")
# Relations that are views: cheaper to read than to write again every build (see their SQL)
VIEWS = ("staging/stg_members", "staging/stg_activists", "marts/fct_income", "marts/fct_costs")


# Event sources (one record per id, corrections by later files): new files can be merged into staging.
MERGEABLE = tuple(name for name, source in SOURCES.items() if source.kind == "event")


def staging_sql_sha() -> str:
    """A version of the staging SQL: a merge needs the table to have been built by the same statements."""
    names = sorted(n for n in STAGING if n.removeprefix("staging/stg_") in MERGEABLE)
    return sql_version(*names, "staging/merge_events", "schema/warehouse")


def build_staging(con) -> dict[str, int]:
    """Rebuild the staging tables, or merge the new files into an event source's table when that is safe.

    Returns the merged sources, each with the file_id after which its new files were merged."""
    set_variables(con, staging_sql_sha=staging_sql_sha(), mergeable_sources=list(MERGEABLE))
    mergeable = dict(query(con, "staging/mergeable").fetchall())
    for model in STAGING:
        source = model.removeprefix("staging/stg_")
        started = time.perf_counter()
        how = "merge" if source in mergeable else "rebuild"
        if how == "merge":
            set_variables(con, staged_through_file_id=mergeable[source])
            con.execute(render("staging/merge_events", source=source, key=SOURCES[source].key))
        else:
            _run_model(con, model)
        log.info("event=model_built model=%s how=%s seconds=%.2f", model, how, time.perf_counter() - started)
    run_script(con, "staging/record_staged")
    return mergeable


def _drop_table(con, schema: str, name: str) -> None:
    """A warehouse built before a model became a view holds a table of that name, which the view replaces."""
    if f"{schema}.{name}" in table_names(con, (schema,)):
        con.execute(f"drop table {schema}.{name}")


def build_model(con, model: str, update_cells: bool = False, days_through: int = 0) -> None:
    """Build one model of MARTS, KPI or PUBLISH (the movement cells are updated when update_cells says so, the
    action days when days_through names the file they already reflect: kpi.action_days.known_through)."""
    if model == "marts/movement_cells":
        movement_cells.build_cells(con, update_cells)
        return
    if model == "marts/fct_action_days":
        action_days.build_days(con, days_through, keep=update_cells)
        return
    if model == "marts/persons":
        persons.build_persons(con, keep=update_cells)
        return
    _run_model(con, model)


def _run_model(con, model: str) -> None:
    """Run one model's SQL, first dropping the table a view of that name replaces."""
    if model in VIEWS:
        _drop_table(con, *model.split("/"))
    run_script(con, model)


def set_run_variables(con, run_id: str, as_of: date, first_period: date) -> None:
    set_variables(con, run_id=run_id, run_as_of=as_of, run_first_period=first_period)


def build(con, targets: targets_file.Targets, run_id: str, as_of: date, first_period: date | None) -> date:
    """Build every model, reconcile, and replace the scorecard rows of the periods from first_period to as_of."""
    first = first_period or targets.first_period()
    set_run_variables(con, run_id, as_of, first)
    targets_file.install(con, targets)
    merged = build_staging(con)
    faults.checkpoint("building")
    update_cells = movement_cells.updatable(con)
    days_through = action_days.known_through(con, merged)
    steps = MARTS + KPI
    for i, model in enumerate(steps, 1):
        started = time.perf_counter()
        build_model(con, model, update_cells, days_through)
        log.info("event=model_built progress=%d/%d model=%s seconds=%.2f", i, len(steps), model,
                 time.perf_counter() - started)
    mismatches = con.execute(sql("checks/reconcile")).fetchall()
    if mismatches:
        period, kpi_id, scorecard, staging = mismatches[0]
        raise RunFailed(f"Reconciliation failed for {len(mismatches)} period(s): {kpi_id} at {period} is "
                        f"{scorecard:,.2f} in the scorecard but {staging:,.2f} in staging; nothing was published; "
                        "report this with the run id.")
    for cost_center, lines, amount, first in con.execute(sql("checks/unallocated")).fetchall():
        log.warning("event=unallocated_costs cost_center=%s lines=%d amount=%.2f first_booking=%s reason=%r",
                    cost_center, lines, amount, first, "not in the current cost_centers snapshot; add it to the key")
    for step in PUBLISH:
        run_script(con, step)
    return first
