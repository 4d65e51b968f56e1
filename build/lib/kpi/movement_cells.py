"""The movement cells: counted over every person, or updated by the persons whose inputs changed."""

from __future__ import annotations

import logging
import time

from kpi.sqlfiles import query, render, run_script, run_script_with_variables, sql_version

log = logging.getLogger("kpi")

SQL = ("marts/person_keys", "marts/movement_contributions", "marts/movement_changes", "marts/movement_cells",
       "marts/movement_cells_update", "marts/action_days_changes", "marts/person_changes",
       "marts/persons_keep_previous")


def cells_sql_sha() -> str:
    """A version of the counting SQL: an update needs the cells to have been counted by the same statements."""
    return sql_version(*SQL)


def updatable(con) -> bool:
    """Before the marts are built: whether the cells can be updated from the changed persons. If so, the marts
    keep the movement inputs of the persons they change (kpi.action_days, kpi.persons)."""
    return query(con, "marts/movement_updatable", sha=cells_sql_sha()).fetchone()[0]


def _contributions(con, target: str, periods: str, persons: str, previous: bool = False) -> None:
    """What the persons in the table persons contribute to the periods in the table periods, by this build's
    marts or (previous) by those of the build before."""
    suffix = "_previous" if previous else ""
    con.execute(render("marts/movement_contributions", target=target, periods=periods, persons=persons,
                       roles=f"marts.fct_role_periods{suffix}",
                       action_days="action_days_previous" if previous else "marts.fct_action_days",
                       people=f"marts.dim_person{suffix}"))


def build_cells(con, update: bool) -> None:
    """Count marts.movement_cells from scratch, or update them when updatable() returned True."""
    started = time.perf_counter()
    if update:
        run_script(con, "marts/movement_changes")
        _contributions(con, "contributions_now", "kept_periods", "movement_changes")
        _contributions(con, "contributions_before", "kept_periods", "movement_changes", previous=True)
        _contributions(con, "contributions_added", "added_periods", "marts.dim_person")
        changed, kept, added = query(con, "marts/movement_cells_update").fetchone()
        detail = f"mode=update changed_persons={changed} kept_periods={kept} added_periods={added}"
    else:
        _contributions(con, "movement_contributions", "marts.periods", "marts.dim_person")
        run_script(con, "marts/movement_cells")
        detail = "mode=count"
    run_script_with_variables(con, "marts/record_sql_version", sql_version_setting="movement_cells_sql",
                              sql_version=cells_sql_sha())
    log.info("event=movement_cells %s seconds=%.2f", detail, time.perf_counter() - started)
