"""Updating the movement's marts (kpi.movement_marts) for the persons whose inputs changed equals building them
from every person: the movement cells and persons from changed snapshots, the action days from merged actions."""

from __future__ import annotations

import itertools
from datetime import date

import duckdb

from conftest import deliver, query, rebuilt_copy, run
from kpi.paths import Locations

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
    return rebuilt_copy(warehouse, copy, "delete from meta.settings where name = 'movement_sql'", _contents,
                        as_of)


def test_each_run_updates_the_changed_persons_and_ends_where_a_count_from_scratch_ends(loc, tmp_path):
    modes = []
    for as_of, files in DELIVERIES:
        deliver(loc, files)
        summary = run(loc, as_of) if files else run(loc, as_of, first=as_of)
        modes.append(summary["models"]["movement"])
        con = duckdb.connect(str(loc.warehouse), read_only=True)
        try:
            updated = _contents(con)
        finally:
            con.close()
        scratch = _counted_from_scratch(loc.warehouse, tmp_path / "scratch.duckdb", date.fromisoformat(as_of))
        for table in TABLES:
            assert updated[table] == scratch[table], f"{table} after the run for {as_of}"
        assert updated["kpi.movement"], "the movement has periods"

    assert modes[0] == {"mode": "count"}
    changes = [(m["changed_persons"], m["kept_periods"], m["added_periods"]) for m in modes[1:]]
    # P1 (leaves), P2 (birth date, postcode), P3 (gone), P4 (type), P5 (A1 earlier), P7 (joins, acts), P8 (new)
    assert changes[0] == (7, 39, 1)
    assert changes[1] == (1, 39, 1)  # P9; 2024-04-15 dropped
    assert changes[2] == (1, 40, 0)
    assert changes[3] == (0, 36, 0)


def test_changed_sql_builds_from_every_person(loc, monkeypatch):
    for as_of, files in DELIVERIES[:2]:
        deliver(loc, files)
        if as_of == DELIVERIES[1][0]:
            monkeypatch.setattr("kpi.movement_marts.sql_sha", lambda: "another-version")
        summary = run(loc, as_of)
    assert summary["models"]["movement"] == {"mode": "count"}


ACTIONS_ONLY = "participation_id,person_id,action_date,action_code,action_type,channel"
MEMBERS_SHORT = "person_id,member_since,member_until,birth_date,postcode"
ACTION_DELIVERIES = [  # one run each, as of the day named; the actions arrive as new and corrected rows
    ("2024-03-31", {
        "members/members_20240331.csv": (MEMBERS_SHORT, "P1,2021-05-01,,1990-02-03,1011AB\nP2,2022-02-01,,,"),
        "actions/actions_20240331.csv": (ACTIONS_ONLY, "A1,P1,2023-03-01,PET1,petition,online\n"
                                                  "A2,P3,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A3,P3,2024-03-15,PET1,petition,online\n"
                                                  "A4,,2024-03-16,PET1,petition,online\n"
                                                  "A5,P4,2022-09-09,PET2,petition,online"),
    }),
    ("2024-04-30", {  # A2 moves from P3 to P5 (P3 keeps the day through A3), A5 loses its person (P4 drops
        # out of the actions), A4 gains one (P6, new), A1 moves to another date, A7 is new
        "actions/actions_20240430.csv": (ACTIONS_ONLY, "A2,P5,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A5,,2022-09-09,PET2,petition,online\n"
                                                  "A4,P6,2024-03-16,PET1,petition,online\n"
                                                  "A1,P1,2023-02-01,PET1,petition,online\n"
                                                  "A7,P2,2024-04-20,PET3,petition,online"),
    }),
    ("2024-04-30", {  # a file with an older export date arrives late: its version of A2 loses, A8 is new
        "actions/actions_20240415.csv": (ACTIONS_ONLY, "A2,P7,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A8,P8,2024-04-14,PET3,petition,online"),
        "members/members_20240430.csv": (MEMBERS_SHORT, "P1,2021-05-01,,1990-02-03,1011AB\nP9,2024-04-01,,,"),
    }),
    ("2024-04-30", {  # a re-delivery replaces a staged file: staging and the action days are built again
        "actions/actions_20240331.csv": (ACTIONS_ONLY, "A1,P1,2023-03-01,PET1,petition,online\n"
                                                  "A3,P3,2024-03-20,PET1,petition,online"),
    }),
    ("2024-05-31", {}),  # nothing new: nobody touched
]
ACTION_TABLES = ("marts.fct_action_days", "marts.person_keys", "marts.dim_person", "marts.movement_cells",
                 "kpi.scorecard")


def _action_contents(loc: Locations) -> dict:
    columns = {"kpi.scorecard": "period_end, kpi_id, value"}
    return {t: query(loc, f"select {columns.get(t, '*')} from {t} order by all") for t in ACTION_TABLES}


def test_action_days_updated_for_the_persons_a_merge_touched_equal_counting_every_action(tmp_path, monkeypatch):
    updated, counted = (Locations.resolve(tmp_path / f"{name}/landing", tmp_path / f"{name}/wh.duckdb",
                                          tmp_path / f"{name}/out") for name in ("updated", "counted"))
    modes = []
    for as_of, files in ACTION_DELIVERIES:
        for loc in (updated, counted):
            loc.landing.mkdir(parents=True, exist_ok=True)
            deliver(loc, files)
        movement = run(updated, as_of)["models"]["movement"]
        modes.append((movement["mode"], movement.get("touched_persons")))
        with monkeypatch.context() as m:  # a version no table was ever built with: build from every person
            versions = itertools.count()
            m.setattr("kpi.movement_marts.sql_sha", lambda: f"never-{next(versions)}")
            assert run(counted, as_of)["models"]["movement"] == {"mode": "count"}
        assert _action_contents(updated) == _action_contents(counted), f"after the run for {as_of}"

    assert modes == [("count", None),
                     ("update", 6),  # P1 (A1), P2 (A7), P3 and P5 (A2), P4 (A5), P6 (A4)
                     ("update", 2),  # P5 (A2 competed and stayed), P8 (A8); P7 lost
                     ("count", None),  # the re-delivery: staging and the movement's marts are built again
                     ("update", 0)]
    # P1 2023-02-01 (A1), P5 (A2), P3 2024-03-20 (A3 re-delivered), P6 (A4), P2 (A7), P8 (A8); A5 is anonymous
    assert query(updated, "select count(*), count(distinct person_sk) from marts.fct_action_days") == [(6, 6)]
