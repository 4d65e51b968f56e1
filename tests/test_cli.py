"""The `kpi` command: exit codes 0/1/2/3 and one-sentence errors instead of tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import TEST_KEY, query, write
from kpi.warehouse import writer_lock


def kpi(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "KPI_PSEUDONYM_KEY": TEST_KEY, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})}
    return subprocess.run([sys.executable, "-m", "kpi.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=300)


def paths(loc):
    return ["--landing", str(loc.landing), "--warehouse", str(loc.warehouse), "--out", str(loc.out)]


def assert_one_sentence(result, code, *words):
    assert result.returncode == code, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("kpi: error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    for word in words:
        assert word in errors[0]


@pytest.mark.parametrize("args, words", [
    (["run", "--landing", "/nonexistent/landing"], ["landing folder", "does not exist"]),
    (["run", "--as-of", "2025-13-01"], ["--as-of", "YYYY-MM-DD"]),
    (["run", "--targets", "/nonexistent/targets.toml"], ["targets file", "does not exist"]),
    (["backfill", "--from", "2025-02-01", "--to", "2025-01-01"], ["--from", "after"]),
    (["validate", "--source", "invoices", "x.csv"], ["--source must be one of"]),
    (["status", "--warehouse", "/nonexistent/wh.duckdb"], ["no warehouse", "kpi run"]),
])
def test_user_mistakes_get_one_sentence_and_exit_2(loc, args, words):
    assert_one_sentence(kpi(*args, *(paths(loc) if "--landing" not in args and args[0] != "status" else [])), 2, *words)


def test_unwritable_warehouse_path_is_a_usage_error(loc, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = kpi("run", "--landing", str(loc.landing), "--warehouse", str(blocker / "wh.duckdb"), "--out", str(loc.out))
    assert_one_sentence(result, 2, "warehouse", "--warehouse")


def test_a_second_writer_exits_3_naming_the_running_one(loc):
    with writer_lock(loc.warehouse, "run-under-test", "run"):
        result = kpi("run", *paths(loc))
    assert_one_sentence(result, 3, "run-under-test", "--wait")


def test_validate_prints_each_failed_check_and_writes_nothing(loc, tmp_path):
    good = write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    bad = write(loc, "donations/donations_20240229.csv", "T1,P1,31-11-2023,ten,particulieren,gift,,\n"
                "T1,P2,2024-02-01,10.00,particulieren,gift,,\nT2,P3,2024-02-02,0,particulieren,gift,,")
    ok = kpi("validate", "--source", "donations", str(good), cwd=tmp_path)
    assert ok.returncode == 0 and "would load" in ok.stdout
    failed = kpi("validate", "--source", "donations", str(bad), cwd=tmp_path)
    assert failed.returncode == 1
    errors = [line.split(": ", 1)[1] for line in failed.stdout.splitlines() if ": error " in line]
    # every failed check in one pass, also those on rows whose other values cannot be typed
    assert sorted(e.split(":")[0] for e in errors) == [
        "error date_exists in column booking_date", "error decimal_format in column amount",
        "error unique_id in column transaction_id", "error zero_amount in column amount"], failed.stdout
    assert any("does not exist" in e and "(first rows: 2; values: '31-11-2023')" in e for e in errors)
    assert not (tmp_path / "data").exists()  # no default warehouse or output folder was created


def test_run_through_prefect_then_status(loc):
    """A real `kpi run` (Prefect ephemeral mode): a rejected file gives exit 1, outputs are still published."""
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    write(loc, "donations/donations_20240229.csv", "T2,P1,someday,10.00,particulieren,gift,,")
    result = kpi("run", "--as-of", "2024-02-29", *paths(loc))
    assert result.returncode == 1, result.stderr[-3000:]
    assert "rejected donations/donations_20240229.csv" in result.stdout
    assert f"Warehouse: {loc.warehouse.resolve()}" in result.stdout
    assert (loc.out / "scorecard.csv").exists() and (loc.out / "scorecard.parquet").exists()
    assert query(loc, "select value from kpi.scorecard where kpi_id = 'income_total' and period_end = '2024-02-29'") == [
        (10.0,)]
    status = kpi("status", *paths(loc))
    assert status.returncode == 0
    assert "donations_20240229.csv" in status.stdout and "rejected" in status.stdout
    # the next night: the rejected February file is not tried again, the new month is loaded
    write(loc, "donations/donations_20240331.csv", "T3,P1,2024-03-05,5.00,particulieren,gift,,")
    result = kpi("run", "--as-of", "2024-03-31", *paths(loc))
    assert result.returncode == 0, result.stderr[-3000:]
    assert query(loc, "select value from kpi.scorecard where kpi_id = 'income_total' and period_end = '2024-03-31'") == [
        (15.0,)]


def test_the_terminal_is_calm_and_the_full_log_is_beside_the_warehouse(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    result = kpi("run", "--as-of", "2024-01-31", *paths(loc))
    assert result.returncode == 0, result.stderr[-3000:]
    steps = [line.split()[1:3] for line in result.stderr.splitlines() if line.startswith(("✓", "✗"))]
    assert steps == [["scan", "landing"], ["load", "new"], ["build", "models"], ["write", "outputs"]]
    assert len(result.stderr.splitlines()) == len(steps), result.stderr  # no Prefect or GX lines
    assert "income_total" in result.stdout and "Outputs:" in result.stdout
    log = loc.warehouse.with_name(loc.warehouse.name + ".log").read_text()
    assert "event=file_loaded" in log and "Finished in state Completed" in log
    write(loc, "donations/donations_20240229.csv", "T2,P1,2024-02-05,10.00,particulieren,gift,,")
    verbose = kpi("run", "--as-of", "2024-02-29", "--verbose", *paths(loc))
    assert verbose.returncode == 0 and "event=file_loaded" in verbose.stderr
