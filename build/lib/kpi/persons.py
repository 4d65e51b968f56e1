"""The persons' marts (marts.dim_person, marts.fct_role_periods): built for every person, or updated for the
persons whose snapshot rows or action days changed since the build before.

A nightly members or activists snapshot is delivered whole but changes a few thousand of its ~0.5 M persons.
When the movement cells are updated (kpi.movement_cells), the build before read snapshot files that are still
in raw, and the same SQL built both tables, only the rows of the changed persons (sql/marts/person_changes.sql)
are deleted and built again by the same SELECTs that build the whole tables; tests/test_movement_cells.py holds
the result equal to a build for every person."""

from __future__ import annotations

import logging
import time

from kpi.sqlfiles import create_table_as, insert_into, query, run_script, run_script_with_variables, sql_version

log = logging.getLogger("kpi")

TABLES = ("marts.dim_person", "marts.fct_role_periods")
SQL = ("marts/person_keys", "marts/dim_person", "marts/fct_role_periods", "marts/person_changes",
       "marts/persons_update", "marts/persons_wanted", "marts/record_person_files")


def persons_sql_sha() -> str:
    """A version of the SQL: an update needs the tables to have been built by the same statements."""
    return sql_version(*SQL)


def build_persons(con, keep: bool) -> None:
    """Build both tables for every person, or update them (see the module).

    keep: the movement cells will be updated, so leave person_changes and the changed persons' rows of the
    build before (marts.*_previous, sql/marts/persons_keep_previous.sql) for them."""
    started = time.perf_counter()
    update = False
    if keep:
        update, members_before, activists_before = query(con, "marts/persons_updatable",
                                                         sha=persons_sql_sha()).fetchone()
        run_script(con, "marts/person_changes", members_before=members_before, activists_before=activists_before,
                   everyone=not update)
        run_script(con, "marts/persons_keep_previous")
    if update:
        run_script(con, "marts/persons_update")
        for table in TABLES:
            insert_into(con, table, table.replace(".", "/"))
        detail = "mode=update changed_persons=%d" % con.execute("select count(*) from persons_wanted").fetchone()[0]
    else:
        run_script(con, "marts/persons_wanted")
        for table in TABLES:
            create_table_as(con, table, table.replace(".", "/"))
        detail = "mode=build"
    run_script(con, "marts/record_person_files")
    run_script_with_variables(con, "marts/record_sql_version", sql_version_setting="persons_sql",
                              sql_version=persons_sql_sha())
    log.info("event=persons %s seconds=%.2f", detail, time.perf_counter() - started)
