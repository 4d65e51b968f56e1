"""Merging new files into the event sources' staging tables (kpi.models.build_staging) equals a rebuild."""

from __future__ import annotations


import duckdb
import pytest

from conftest import rebuilt_copy, run, write
from kpi import models

DONATION = "particulieren,gift,,"
DELIVERIES = [  # one run per delivery; each later delivery corrects, adds, or arrives late
    {
        "cost_centers/cost_centers_20240101.csv": "CC1,objectives,0.6,awareness,A\nCC1,fundraising,0.4,,A",
        "donations/donations_20240131.csv": f"T1,P1,2024-01-05,10.00,{DONATION}\nT2,P2,2024-01-06,20.00,{DONATION}",
        "actions/actions_20240131.csv": "A1,P1,2024-01-10,PET1,petition,online,\nA2,P2,2024-01-11,PET1,petition,online,",
        "spending/spending_20240131.csv": "E1,2024-01-06,4000,CC1,40.00,",
        "members/members_20240131.csv": "P1,2020-01-01,,,,,,,\nP2,2020-01-01,,,,,,,",
    },
    {   # corrections of T1, A2 and E1 (later export date), new ids
        "donations/donations_20240229.csv": f"T1,P1,2024-01-05,12.00,{DONATION}\nT3,P3,2024-02-06,30.00,{DONATION}",
        "actions/actions_20240229.csv": "A2,P2,2024-01-11,DEMO,demonstration,offline,\nA3,P3,2024-02-02,PET1,petition,online,",
        "spending/spending_20240229.csv": "E1,2024-01-06,4000,CC1,45.00,\nE2,2024-02-07,4000,CC1,10.00,",
    },
    {   # a file with an older export date arrives late: its version of T3 must not win
        "donations/donations_20240215.csv": f"T3,P3,2024-02-06,99.00,{DONATION}\nT4,P4,2024-02-10,5.00,{DONATION}",
        "actions/actions_20240215.csv": "A4,P1,2024-02-12,PET2,petition,online,",
    },
    {   # a re-delivery replaces a file already staged: its old rows must go, so this run rebuilds
        "donations/donations_20240131.csv": f"T2,P2,2024-01-06,25.00,{DONATION}",
    },
]
TABLES = ("stg_actions", "stg_donations", "stg_spending")


def _contents(con) -> dict:
    tables = {t: con.execute(f"select * from staging.{t} order by all").fetchall() for t in TABLES}
    tables["scorecard"] = con.execute("select period_end, kpi_id, value from kpi.scorecard order by all").fetchall()
    return tables


def _rebuilt(warehouse, copy) -> dict:
    """The same warehouse with every staging table rebuilt from raw (no merge) and the KPIs recomputed."""
    return rebuilt_copy(warehouse, copy, "delete from meta.staged", _contents)


def test_each_run_merges_what_it_can_and_ends_where_a_rebuild_ends(loc, tmp_path):
    how = []
    for delivery in DELIVERIES:
        for name, rows in delivery.items():
            write(loc, name, rows)
        how.append(run(loc, "2024-02-29")["models"]["staging"])
        con = duckdb.connect(str(loc.warehouse), read_only=True)
        try:
            merged = _contents(con)
        finally:
            con.close()
        assert merged == _rebuilt(loc.warehouse, tmp_path / "rebuilt.duckdb")

    assert how[0]["donations"] == "rebuild"  # nothing staged yet
    assert how[1]["donations"] == how[1]["actions"] == how[1]["spending"] == "merge"
    assert how[2]["donations"] == "merge"
    assert how[3]["donations"] == "rebuild" and how[3]["actions"] == "merge"
    con = duckdb.connect(str(loc.warehouse), read_only=True)
    try:
        in_force = dict(con.execute("select transaction_id, amount::double from staging.stg_donations").fetchall())
    finally:
        con.close()
    assert in_force == {"T1": 12.0, "T2": 25.0, "T3": 30.0, "T4": 5.0}


def test_changed_staging_sql_forces_a_rebuild(loc, monkeypatch):
    for name, rows in DELIVERIES[0].items():
        write(loc, name, rows)
    run(loc, "2024-01-31")
    for name, rows in DELIVERIES[1].items():
        write(loc, name, rows)
    monkeypatch.setattr(models, "staging_sql_sha", lambda: "another-version")
    assert run(loc, "2024-02-29")["models"]["staging"]["donations"] == "rebuild"


def test_the_merge_template_takes_identifiers_only():
    from kpi.sqlfiles import render
    assert "staging.stg_actions" in render("increments/merge_events", source="actions", key="participation_id")
    with pytest.raises(ValueError, match="not an SQL identifier"):
        render("increments/merge_events", source="actions; drop table raw.actions", key="participation_id")
