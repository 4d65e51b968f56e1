"""The action days (marts.fct_action_days): counted from every staged action, or updated for the persons whose
actions this build's staging merge replaced or added."""

from __future__ import annotations

import logging
import time

from kpi.sqlfiles import query, run_script, run_script_with_variables, set_variables, sql_version

log = logging.getLogger("kpi")

SQL = ("marts/person_keys", "marts/fct_action_days", "marts/fct_action_days_update")


def days_sql_sha() -> str:
    """A version of the SQL: an update needs the table to have been counted by the same statements."""
    return sql_version(*SQL)


def known_through(con, merged: dict[str, int]) -> int:
    """Before the marts: the file_id up to which marts.fct_action_days already reflects the staged actions
    (where this build's merge of staging.stg_actions started), or 0 when the table must be counted again.
    Sets the variable action_days_through, which sql/marts/person_keys.sql reads too."""
    through = query(con, "marts/action_days_updatable", sha=days_sql_sha(),
                    merged_after=merged.get("actions", 0)).fetchone()[0]
    set_variables(con, action_days_through=through)
    return through


def build_days(con, through: int, keep: bool) -> None:
    """Count marts.fct_action_days from every action, or update it (through > 0, see known_through).

    keep: the movement cells will be updated, so leave action_days_changed and action_days_previous for them
    (sql/marts/action_days_changes.sql)."""
    started = time.perf_counter()
    if through:
        detail = "mode=update touched_persons=%d" % query(con, "marts/fct_action_days_update").fetchone()[0]
    else:
        if keep:
            run_script(con, "marts/fct_action_days_keep")
        run_script(con, "marts/fct_action_days")
        detail = "mode=count"
    if keep:
        run_script(con, "marts/action_days_changes")
    run_script_with_variables(con, "marts/record_sql_version", sql_version_setting="action_days_sql",
                              sql_version=days_sql_sha())
    log.info("event=action_days %s seconds=%.2f", detail, time.perf_counter() - started)
