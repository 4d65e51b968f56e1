"""Updating the action days for the persons a staging merge touched (kpi.action_days) equals counting every action."""

from __future__ import annotations

import itertools
import logging
import re

from conftest import deliver, query, run
from kpi.paths import Locations

ACTIONS = "participation_id,person_id,action_date,action_code,action_type,channel"
MEMBERS = "person_id,member_since,member_until,birth_date,postcode"
DELIVERIES = [  # one run each, as of the day named; the actions arrive as new and corrected rows
    ("2024-03-31", {
        "members/members_20240331.csv": (MEMBERS, "P1,2021-05-01,,1990-02-03,1011AB\nP2,2022-02-01,,,"),
        "actions/actions_20240331.csv": (ACTIONS, "A1,P1,2023-03-01,PET1,petition,online\n"
                                                  "A2,P3,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A3,P3,2024-03-15,PET1,petition,online\n"
                                                  "A4,,2024-03-16,PET1,petition,online\n"
                                                  "A5,P4,2022-09-09,PET2,petition,online"),
    }),
    ("2024-04-30", {  # A2 moves from P3 to P5 (P3 keeps the day through A3), A5 loses its person (P4 drops
        # out of the actions), A4 gains one (P6, new), A1 moves to another date, A7 is new
        "actions/actions_20240430.csv": (ACTIONS, "A2,P5,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A5,,2022-09-09,PET2,petition,online\n"
                                                  "A4,P6,2024-03-16,PET1,petition,online\n"
                                                  "A1,P1,2023-02-01,PET1,petition,online\n"
                                                  "A7,P2,2024-04-20,PET3,petition,online"),
    }),
    ("2024-04-30", {  # a file with an older export date arrives late: its version of A2 loses, A8 is new
        "actions/actions_20240415.csv": (ACTIONS, "A2,P7,2024-03-15,DEMO,demonstration,offline\n"
                                                  "A8,P8,2024-04-14,PET3,petition,online"),
        "members/members_20240430.csv": (MEMBERS, "P1,2021-05-01,,1990-02-03,1011AB\nP9,2024-04-01,,,"),
    }),
    ("2024-04-30", {  # a re-delivery replaces a staged file: staging and the action days are built again
        "actions/actions_20240331.csv": (ACTIONS, "A1,P1,2023-03-01,PET1,petition,online\n"
                                                  "A3,P3,2024-03-20,PET1,petition,online"),
    }),
    ("2024-05-31", {}),  # nothing new: nobody touched
]
TABLES = ("marts.fct_action_days", "marts.person_keys", "marts.dim_person", "marts.movement_cells", "kpi.scorecard")


def _contents(loc: Locations) -> dict:
    columns = {"kpi.scorecard": "period_end, kpi_id, value"}
    return {t: query(loc, f"select {columns.get(t, '*')} from {t} order by all") for t in TABLES}


def test_each_update_ends_where_counting_every_action_ends(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="kpi")
    updated, counted = (Locations.resolve(tmp_path / f"{name}/landing", tmp_path / f"{name}/wh.duckdb",
                                          tmp_path / f"{name}/out") for name in ("updated", "counted"))
    modes = []
    for as_of, files in DELIVERIES:
        for loc in (updated, counted):
            loc.landing.mkdir(parents=True, exist_ok=True)
            deliver(loc, files)
        caplog.clear()
        run(updated, as_of)
        modes.append(re.search(r"event=action_days (mode=\w+(?: touched_persons=\d+)?)", caplog.text).group(1))
        with monkeypatch.context() as m:  # a version no table was ever counted with: count every action
            versions = itertools.count()
            m.setattr("kpi.action_days.days_sql_sha", lambda: f"never-{next(versions)}")
            caplog.clear()
            run(counted, as_of)
            assert "event=action_days mode=count" in caplog.text
        assert _contents(updated) == _contents(counted), f"after the run for {as_of}"

    assert modes == ["mode=count",
                     "mode=update touched_persons=6",  # P1 (A1), P2 (A7), P3 and P5 (A2), P4 (A5), P6 (A4)
                     "mode=update touched_persons=2",  # P5 (A2 competed and stayed), P8 (A8); P7 lost
                     "mode=count",  # the re-delivery
                     "mode=update touched_persons=0"]
    # P1 2023-02-01 (A1), P5 (A2), P3 2024-03-20 (A3 re-delivered), P6 (A4), P2 (A7), P8 (A8); A5 is anonymous
    assert query(updated, "select count(*), count(distinct person_sk) from marts.fct_action_days") == [(6, 6)]
