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
    assert any("does not exist" in e and "(first rows: 2)" in e for e in errors)
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
    # the next night: the working copy, made while Prefect started, is taken and holds the new month
    write(loc, "donations/donations_20240331.csv", "T3,P1,2024-03-05,5.00,particulieren,gift,,")
    result = kpi("run", "--as-of", "2024-03-31", *paths(loc))
    assert result.returncode == 0, result.stderr[-3000:]  # the rejected February file is not tried again
    assert "event=working_copy ahead=taken" in result.stderr
    assert query(loc, "select value from kpi.scorecard where kpi_id = 'income_total' and period_end = '2024-03-31'") == [
        (15.0,)]


COLLECTOR_SPY = """
import gc, sys
import kpi.cli as cli
flows = cli._flows
def spy(*args):
    module = flows(*args)
    print("imports:", seen, "flow:", gc.isenabled(), gc.get_freeze_count() > 0)
    return module
main = cli.main
def main_spy(argv=None):
    global seen
    seen = gc.isenabled()  # as the command starts, before its imports
    return main(argv)
seen = None
status = cli.COMMANDS["status"]
def status_spy(args):
    print("status:", gc.isenabled())
    return status(args)
cli._flows, cli.main, cli.COMMANDS["status"] = spy, main_spy, status_spy
sys.argv = ["kpi", *sys.argv[1:]]
cli.console()
"""


def test_the_collector_is_off_for_the_imports_and_on_for_the_run(loc):
    """console() turns Python's garbage collector off while a flow command imports and on before the flow
    runs; the other commands run with it on."""
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    env = {**os.environ, "KPI_PSEUDONYM_KEY": TEST_KEY}
    run = subprocess.run([sys.executable, "-c", COLLECTOR_SPY, "run", "--as-of", "2024-01-31", *paths(loc)],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "imports: False flow: True True" in run.stdout
    status = subprocess.run([sys.executable, "-c", COLLECTOR_SPY, "status", *paths(loc)],
                            capture_output=True, text=True, timeout=300, env=env)
    assert status.returncode == 0, status.stderr[-2000:]
    assert "status: True" in status.stdout
