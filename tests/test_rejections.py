"""Parse-level errors reject the whole file, name the file, column, count and first rows, and change nothing."""

from __future__ import annotations

import pytest

from conftest import HEADERS, fingerprint, query, run, write

GOOD = "T1,P1,2024-01-05,10.00,particulieren,gift,,"


@pytest.mark.parametrize("name, body, header, check, column, rows", [
    ("missing required column", "T9,2024-01-05,10.00,particulieren", "transaction_id,booking_date,amount,income_type",
     "required_column", "income_source", None),
    ("empty required value", "T9,P9,2024-01-05,10.00,,gift,,\nT10,P9,2024-01-05,,particulieren,gift,,", None,
     "required_value", "income_source", [2]),
    ("unreadable date", "T9,P9,2024-13-45,10.00,particulieren,gift,,\nT10,P9,31/01/2024,1,particulieren,gift,,\n"
     "T11,P9,2024-01-05,1,particulieren,gift,,\nT12,P9,jan 2024,1,particulieren,gift,,", None, "date_format",
     "booking_date", [3, 5]),
    ("date that does not exist", "T9,P9,2024-13-45,10.00,particulieren,gift,,\nT10,P9,31-11-2023,1,particulieren,gift,,\n"
     "T11,P9,2024-01-05,1,particulieren,gift,,", None, "date_exists", "booking_date", [2, 3]),
    ("unreadable decimal", "T9,P9,2024-01-05,1.234,56,particulieren,gift,\nT10,P9,2024-01-05,12 euro,particulieren,gift,,",
     None, "decimal_format", "amount", [3]),
])
def test_bad_file_is_rejected_whole_and_the_warehouse_is_unchanged(loc, name, body, header, check, column, rows):
    write(loc, "donations/donations_20240131.csv", GOOD)
    run(loc)
    recorded = ("meta.runs", "meta.files", "meta.file_checks", "kpi.open_rejections", "kpi.source_freshness",
              "kpi.scorecard_quality")
    before = fingerprint(loc.warehouse, skip=recorded)
    write(loc, "donations/donations_20240229.csv", body, header=header)
    summary = run(loc)
    assert summary["files_rejected"] == 1
    reason = summary["rejected"][0]["reason"]
    assert summary["rejected"][0]["file"] == "donations/donations_20240229.csv"
    assert check in reason and column in reason
    got = query(loc, "select check_name, column_name, failed_rows, first_rows from meta.file_checks "
                     "where severity = 'error' and not coalesce(passed, false) and column_name is not distinct from ?", [column])
    assert got[0][:2] == (check, column)
    if rows:
        assert got[0][3] == ",".join(map(str, rows)) and got[0][2] == len(rows)
    after = fingerprint(loc.warehouse, skip=recorded)
    assert {k: v for k, v in after.items() if not k.startswith(("kpi.", "marts.periods"))} == \
           {k: v for k, v in before.items() if not k.startswith(("kpi.", "marts.periods"))}


@pytest.mark.parametrize("content, says", [
    (b"", "empty"),
    (b"\x00\x01\x02garbage", "cannot be parsed"),
])
def test_unparseable_files_are_rejected_with_a_reason(loc, content, says):
    write(loc, "donations/donations_20240131.xlsx", content)
    summary = run(loc)
    assert summary["files_rejected"] == 1 and says in summary["rejected"][0]["reason"]


def test_truncated_parquet_is_rejected(loc, tmp_path):
    import duckdb
    target = tmp_path / "full.parquet"
    duckdb.connect().execute(f"copy (select 'T' || range as transaction_id, date '2024-01-01' as booking_date, "
                             f"1.0 as amount, 'particulieren' as income_source from range(1000)) to '{target}'")
    write(loc, "donations/donations_20240131.parquet", target.read_bytes()[:500])
    summary = run(loc)
    assert summary["files_rejected"] == 1 and "PARQUET" in summary["rejected"][0]["reason"]


def test_rejected_file_is_retried_only_when_its_content_changes(loc):
    path = write(loc, "donations/donations_20240131.csv", "T1,P1,not-a-date,10.00,particulieren,gift,,")
    assert run(loc)["files_rejected"] == 1
    assert run(loc)["files_rejected"] == 0  # same content: not tried again
    write(loc, "donations/donations_20240131.csv", GOOD)
    assert run(loc)["files_loaded"] == 1
    assert path.exists()


def test_extra_columns_are_a_warning(loc):
    write(loc, "donations/donations_20240131.csv", GOOD + ",surprise", header=HEADERS["donations"] + ",notes")
    summary = run(loc)
    assert summary["files_loaded"] == 1
    assert query(loc, "select severity, message from meta.file_checks where not passed") == [
        ("warning", "the file has columns that are not in the contract; they were ignored: notes")]


def test_a_rejected_file_reports_every_failed_check_at_once(loc):
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,ten,particulieren,gift,,\n"
          "T1,P2,2024-01-06,10.00,particulieren,gift,,\nT2,P3,2024-01-07,0,particulieren,gift,,")
    summary = run(loc)
    failed = {(c["check"], c["column"]) for c in summary["failed_checks"]}
    assert {("decimal_format", "amount"), ("unique_id", "transaction_id"), ("zero_amount", "amount")} <= failed
    reason = summary["rejected"][0]["reason"]
    assert all(check in reason for check in ("decimal_format", "unique_id", "zero_amount"))
