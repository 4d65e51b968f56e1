"""Updating the movement cells (kpi.movement_cells) and the persons' marts (kpi.persons) from the changed persons
equals counting and building them for every person."""

from __future__ import annotations

import logging
import re
from datetime import date

import duckdb

from conftest import deliver, rebuilt_copy, run

MEMBERS = "person_id,member_since,member_until,birth_date,postcode"
ACTIVISTS = "person_id,activist_since,activist_until,activist_type,birth_date,postcode"
ACTIONS = "participation_id,person_id,action_date,action_code,action_type,channel"
DELIVERIES = [  # (as_of, files): one run each; the snapshots arrive whole, the actions as new and corrected rows
    ("2024-03-31", {
        "members/members_20240331.csv": (MEMBERS, "P1,2021-05-01,,1990-02-03,1011AB\nP2,2022-02-01,2023-06-30,"
                                                  "2001-07-08,3511CD\nP3,2023-01-01,,,"),
        "activists/activists_20240331.csv": (ACTIVISTS, "P4,2022-03-01,,volunteer,1985-01-01,9711EF\n"
                                                        "P1,2023-02-01,,organizer,1990-02-03,1011AB"),
        "actions/actions_20240331.csv": (ACTIONS, "A1,P5,2022-06-01,PET1,petition,online\n"
                                                  "A2,P1,2023-03-01,PET1,petition,online\n"
                                                  "A3,P6,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A4,P7,2022-09-09,PET2,petition,online"),
    }),
    ("2024-04-15", {  # P1 leaves, P2's birth date and postcode change, P3 is gone, P7 (a supporter) joins;
        # P4 changes type, P8 registers; A1 is corrected to an earlier date, A5 is new
        "members/members_20240415.csv": (MEMBERS, "P1,2021-05-01,2024-04-10,1990-02-03,1011AB\n"
                                                  "P2,2022-02-01,2023-06-30,1999-07-08,2511CD\n"
                                                  "P7,2024-04-01,,2005-05-05,6811GH"),
        "activists/activists_20240415.csv": (ACTIVISTS, "P4,2022-03-01,,local_group,1985-01-01,9711EF\n"
                                                        "P1,2023-02-01,,organizer,1990-02-03,1011AB\n"
                                                        "P8,2024-04-02,,student_group,,"),
        "actions/actions_20240415.csv": (ACTIONS, "A1,P5,2021-12-01,PET1,petition,online\n"
                                                  "A5,P7,2024-04-12,PET3,petition,online"),
    }),
    ("2024-04-30", {  # the as-of day of the last run is no period any more; one new action
        "actions/actions_20240430.csv": (ACTIONS, "A6,P9,2024-04-20,PET3,petition,online"),
    }),
    ("2024-04-30", {  # the same as-of date: only the persons of a corrected action change
        "actions/actions_20240501.csv": (ACTIONS, "A6,P9,2023-04-20,PET3,petition,online"),
    }),
    ("2023-12-31", {}),  # back in time: later periods go, nothing is added
]
TABLES = ("marts.dim_person", "marts.fct_role_periods", "marts.movement_cells", "kpi.movement", "kpi.movement_by_roles", "kpi.movement_by_activist_type",
          "kpi.movement_by_age_band", "kpi.movement_by_region")


def _contents(con) -> dict:
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def _counted_from_scratch(warehouse, copy, as_of) -> dict:
    """The same warehouse with the movement cells counted over every person again, and the KPIs from them."""
    return rebuilt_copy(warehouse, copy, "delete from meta.settings where name = 'movement_cells_sql'", _contents,
                        as_of)


def test_each_run_updates_the_changed_persons_and_ends_where_a_count_from_scratch_ends(loc, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kpi")
    modes, person_modes = [], []
    for as_of, files in DELIVERIES:
        deliver(loc, files)
        caplog.clear()
        if files:
            run(loc, as_of)
        else:
            run(loc, as_of, first=as_of)
        modes.append(re.search(r"event=movement_cells (mode=\w+(?: changed_persons=\d+ kept_periods=\d+ "
                               r"added_periods=\d+)?)", caplog.text).group(1))
        person_modes.append(re.search(r"event=persons (mode=\w+(?: changed_persons=\d+)?)", caplog.text).group(1))
        con = duckdb.connect(str(loc.warehouse), read_only=True)
        try:
            updated = _contents(con)
        finally:
            con.close()
        scratch = _counted_from_scratch(loc.warehouse, tmp_path / "scratch.duckdb", date.fromisoformat(as_of))
        for table in TABLES:
            assert updated[table] == scratch[table], f"{table} after the run for {as_of}"
        assert updated["kpi.movement"], "the movement has periods"

    assert modes[0] == "mode=count"
    # P1 (leaves), P2 (birth date, postcode), P3 (gone), P4 (type), P5 (A1 earlier), P7 (joins, acts), P8 (new)
    assert modes[1] == "mode=update changed_persons=7 kept_periods=39 added_periods=1"
    assert modes[2] == "mode=update changed_persons=1 kept_periods=39 added_periods=1"  # P9; 2024-04-15 dropped
    assert modes[3] == "mode=update changed_persons=1 kept_periods=40 added_periods=0"
    assert modes[4] == "mode=update changed_persons=0 kept_periods=36 added_periods=0"
    # the persons' marts: built for everyone first, then only the persons whose snapshot rows or days changed
    assert person_modes == ["mode=build", "mode=update changed_persons=7", "mode=update changed_persons=1",
                            "mode=update changed_persons=1", "mode=update changed_persons=0"]


def test_changed_counting_sql_counts_from_scratch(loc, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="kpi")
    for as_of, files in DELIVERIES[:2]:
        deliver(loc, files)
        if as_of == DELIVERIES[1][0]:
            monkeypatch.setattr("kpi.movement_cells.cells_sql_sha", lambda: "another-version")
        caplog.clear()
        run(loc, as_of)
    assert "event=movement_cells mode=count" in caplog.text
