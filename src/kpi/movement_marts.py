"""The movement's marts (action days, persons, role periods, movement cells): built from every person, or
updated for the persons whose inputs changed since the build before.

The movement counts of every period are sums over persons, so a build that knows which persons changed (their
actions, their snapshot rows) subtracts what they contributed before and adds what they contribute now;
tests/test_movement_marts.py holds the result equal to a count from scratch. The bookkeeping SQL (what changed,
what is kept, whether an update is possible) is in sql/increments/."""

from __future__ import annotations

from kpi.sqlfiles import query, render, run_script, run_script_with_variables, set_variables, sql_version

SQL = ("marts/person_keys", "marts/fct_action_days", "marts/dim_person", "marts/fct_role_periods",
       "marts/movement_contributions", "marts/movement_cells", "increments/action_days_update",
       "increments/action_days_changes", "increments/person_changes", "increments/persons_keep_previous",
       "increments/movement_changes", "increments/movement_cells_update")


def sql_sha() -> str:
    """A version of the SQL: an update needs the marts to have been built by the same statements."""
    return sql_version(*SQL)


def _contributions(con, target: str, periods: str, persons: str, previous: bool = False) -> None:
    """What the persons in the table persons contribute to the periods in the table periods, by this build's
    marts or (previous) by those of the build before."""
    suffix = "_previous" if previous else ""
    con.execute(render("marts/movement_contributions", target=target, periods=periods, persons=persons,
                       roles=f"marts.fct_role_periods{suffix}",
                       action_days="action_days_previous" if previous else "marts.fct_action_days",
                       people=f"marts.dim_person{suffix}"))


def build(con, actions_merged_after: int) -> dict:
    """Build the movement's marts, updating them when sql/increments/movement_updatable.sql allows it.

    actions_merged_after: the file after which this build merged new actions files into staging (0: rebuilt).
    Returns how: {"mode": "count"}, or {"mode": "update"} with the persons touched by new actions, the persons
    whose movement inputs changed, and the periods kept and added."""
    update, members_before, activists_before = query(con, "increments/movement_updatable", sha=sql_sha(),
                                                     actions_merged_after=actions_merged_after).fetchone()
    set_variables(con, actions_known_through=actions_merged_after if update else 0)
    run_script(con, "marts/person_keys")
    if update:
        touched = query(con, "increments/action_days_update").fetchone()[0]
        run_script(con, "increments/action_days_changes")
        run_script(con, "increments/person_changes", members_before=members_before, activists_before=activists_before)
        run_script(con, "increments/persons_keep_previous")
    else:
        run_script(con, "marts/fct_action_days")
    run_script(con, "marts/dim_person")
    run_script(con, "marts/fct_role_periods")
    if update:
        run_script(con, "increments/movement_changes")
        _contributions(con, "contributions_now", "kept_periods", "movement_changes")
        _contributions(con, "contributions_before", "kept_periods", "movement_changes", previous=True)
        _contributions(con, "contributions_added", "added_periods", "marts.dim_person")
        changed, kept, added = query(con, "increments/movement_cells_update").fetchone()
        how = {"mode": "update", "touched_persons": touched, "changed_persons": changed, "kept_periods": kept,
               "added_periods": added}
    else:
        _contributions(con, "movement_contributions", "marts.periods", "marts.dim_person")
        run_script(con, "marts/movement_cells")
        how = {"mode": "count"}
    run_script_with_variables(con, "increments/record_movement_state", movement_sql=sql_sha())
    return how
