"""Snapshot and event semantics and the content-hash manifest of exports.md "Landing layout"."""

from __future__ import annotations

import os

from conftest import query, run, write

ROW = "T1,P1,2024-01-05,{amount},particulieren,gift,,"


def amounts(loc):
    return query(loc, "select transaction_id, amount::double from staging.stg_donations order by 1")


def test_identical_file_is_loaded_once_whatever_its_name(loc):
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    write(loc, "donations/donations_20240201.csv", ROW.format(amount="10.00"))
    summary = run(loc)
    assert (summary["files_loaded"], summary["files_skipped"]) == (1, 1)
    write(loc, "donations/donations_20240202.csv", ROW.format(amount="10.00"))
    assert run(loc)["files_skipped"] == 1
    assert query(loc, "select count(*) from raw.donations") == [(1,)]
    assert query(loc, "select status, reason like '%byte-identical%' from meta.files where file_name like '%0202%'") == [
        ("duplicate", True)]


def test_second_run_with_nothing_new_loads_nothing(loc):
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    run(loc)
    summary = run(loc)
    assert (summary["files_loaded"], summary["files_rejected"], summary["files_skipped"]) == (0, 0, 0)


def test_redelivery_under_the_same_name_replaces_the_earlier_version(loc):
    path = write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    run(loc)
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="25.00"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    run(loc)
    assert amounts(loc) == [("T1", 25.0)]
    assert query(loc, "select status from meta.files order by file_id") == [("superseded",), ("loaded",)]


def test_second_file_for_the_same_export_date_is_ambiguous_and_the_first_stays(loc):
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    run(loc)
    write(loc, "donations/donations_20240131.parquet", b"PAR1 not really")
    summary = run(loc)
    assert summary["files_rejected"] == 1 and "already loaded" in summary["rejected"][0]["reason"]
    assert amounts(loc) == [("T1", 10.0)]


def test_two_files_for_one_export_date_in_one_delivery_are_both_rejected(loc):
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    write(loc, "donations/donations_20240131.xlsx", b"not a workbook")
    summary = run(loc)
    assert summary["files_rejected"] == 2 and summary["files_loaded"] == 0
    assert query(loc, "select count(*) from raw.donations") == [(0,)]


def test_later_export_date_wins_per_id_whatever_the_order_of_arrival(loc):
    write(loc, "donations/donations_20240229.csv", ROW.format(amount="30.00"))
    run(loc)
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00") + "\nT2,P2,2024-01-06,5.00,particulieren,gift,,")
    run(loc)
    assert amounts(loc) == [("T1", 30.0), ("T2", 5.0)]


def test_latest_snapshot_is_the_truth_and_older_stays_for_audit(loc):
    write(loc, "members/members_20240131.csv", "P1,2020-01-01,,,,,,,\nP2,2020-01-01,,,,,,,")
    write(loc, "members/members_20240229.csv", "P1,2020-01-01,,,,,,,")
    run(loc)
    assert query(loc, "select count(*) from staging.stg_members") == [(1,)]
    assert query(loc, "select count(*) from raw.members") == [(3,)]


def test_badly_named_file_is_a_warning_not_an_error(loc):
    write(loc, "donations/donations_2024-01-31.csv", ROW.format(amount="10.00"))
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="11.00"))
    summary = run(loc)
    assert (summary["files_loaded"], summary["files_rejected"], summary["files_skipped"]) == (1, 0, 1)
    assert query(loc, "select status from meta.files where file_name like '%2024-01-31%'") == [("ignored",)]


def test_the_landing_folder_is_never_changed(loc):
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    write(loc, "donations/bad.csv", "x")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in loc.landing.rglob("*") if p.is_file()}
    run(loc)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in loc.landing.rglob("*") if p.is_file()}
    assert before == after


def test_a_rerun_with_nothing_new_leaves_models_and_outputs_alone(loc):
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    run(loc)
    stamp = (loc.out / "scorecard.csv").stat().st_mtime_ns
    run(loc)
    assert (loc.out / "scorecard.csv").stat().st_mtime_ns == stamp
    assert query(loc, "select built from meta.runs order by started_at") == [(True,), (False,)]
    run(loc, "2025-01-31")  # another as-of date: everything is rebuilt
    assert query(loc, "select built from meta.runs order by started_at")[-1] == (True,)


def test_a_run_records_how_long_it_took(loc, monkeypatch):
    import time
    from kpi import models
    write(loc, "donations/donations_20240131.csv", ROW.format(amount="10.00"))
    real = models.run_script
    monkeypatch.setattr(models, "run_script", lambda con, name, **kw: (time.sleep(0.3) if name == "kpi/finance" else None,
                                                                      real(con, name, **kw)))
    run(loc)
    assert query(loc, "select epoch(finished_at - started_at) >= 0.3 from meta.runs") == [(True,)]
