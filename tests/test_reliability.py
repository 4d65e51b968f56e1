"""Reliability under faults, with real processes and files: kills, simultaneous starts, arrival order, full disk."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import TEST_KEY, fingerprint, query, run, write
from kpi.faults import POINTS
from kpi.paths import Locations
from kpi.sample import generate
from kpi.working_copy import working_copy_path

STAMPS = ("meta.runs",)


def kpi_process(loc, *args, env=None, **popen) -> subprocess.Popen:
    full = {**os.environ, "KPI_PSEUDONYM_KEY": TEST_KEY, "KPI_LANDING": str(loc.landing),
            "KPI_WAREHOUSE": str(loc.warehouse), "KPI_OUT": str(loc.out), **(env or {})}
    # its own session, so a kill reaches the whole job (the run and its ephemeral Prefect server)
    return subprocess.Popen([sys.executable, "-m", "kpi.cli", *args], env=full, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, **popen)


def outputs(loc) -> dict:
    return {p.name: p.read_bytes() for p in loc.out.iterdir() if not p.name.startswith(".")}


def comparable(warehouse) -> dict:
    """The warehouse's data; meta tables carry ids and times of the runs, so compare their shape only."""
    print_ = fingerprint(warehouse, skip=STAMPS)
    return {k: v for k, v in print_.items() if not k.startswith("meta.")} | {
        k: v[0] for k, v in print_.items() if k.startswith("meta.")}


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    base = tmp_path_factory.mktemp("landing")
    generate(base / "first", scale=0.003, seed=5, end=date(2024, 3, 31))
    generate(base / "second", scale=0.003, seed=5, end=date(2024, 4, 30))
    return base


@pytest.fixture(scope="module")
def first_delivery(landing, tmp_path_factory) -> Locations:
    """The first delivery loaded once, uninterrupted: the state each test that interrupts the second starts from."""
    base = tmp_path_factory.mktemp("first")
    loc = Locations.resolve(base / "landing", base / "wh.duckdb", base / "out")
    os.environ["KPI_PSEUDONYM_KEY"] = TEST_KEY
    shutil.copytree(landing / "first", loc.landing)
    run(loc, "2024-03-31")
    return loc


def start_from(first: Locations, loc: Locations) -> None:
    """Give loc the landing folder, warehouse and outputs of the first delivery (copies of the files)."""
    shutil.copytree(first.landing, loc.landing, dirs_exist_ok=True)
    shutil.copy2(first.warehouse, loc.warehouse)
    shutil.copytree(first.out, loc.out, dirs_exist_ok=True)


@pytest.fixture(scope="module")
def reference(landing, first_delivery, tmp_path_factory):
    """The same two deliveries, never interrupted."""
    base = tmp_path_factory.mktemp("reference")
    loc = Locations.resolve(base / "landing", base / "wh.duckdb", base / "out")
    start_from(first_delivery, loc)
    shutil.copytree(landing / "second", loc.landing, dirs_exist_ok=True)
    run(loc, "2024-04-30")
    return comparable(loc.warehouse)


@pytest.mark.parametrize("point", POINTS)
def test_killed_mid_run_changes_nothing_and_the_next_run_catches_up(point, landing, first_delivery, reference, loc,
                                                                   tmp_path):
    start_from(first_delivery, loc)
    before, published = fingerprint(loc.warehouse, skip=STAMPS), outputs(loc)
    shutil.copytree(landing / "second", loc.landing, dirs_exist_ok=True)

    marker = tmp_path / "paused"
    proc = kpi_process(loc, "run", "--as-of", "2024-04-30",
                       env={"KPI_PAUSE_AT": point, "KPI_PAUSE_FILE": str(marker)})
    deadline = time.monotonic() + 180
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1][-2000:]
        assert time.monotonic() < deadline, "the run never reached the point"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)

    assert fingerprint(loc.warehouse, skip=STAMPS) == before
    assert outputs(loc) == published
    run(loc, "2024-04-30")
    assert comparable(loc.warehouse) == reference
    assert not list(loc.out.glob(".*.tmp"))
    assert not working_copy_path(loc.warehouse).exists()  # the killed run's copy was cleared away


def _processes_of(loc) -> list[int]:
    """The processes whose environment names this test's warehouse: a kpi command and what it started."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and f"KPI_WAREHOUSE={loc.warehouse}".encode() in (proc / "environ").read_bytes():
                pids.append(int(proc.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return pids


def test_a_kpi_run_killed_outright_leaves_no_process_of_its_own(landing, loc, tmp_path):
    shutil.copytree(landing / "first", loc.landing, dirs_exist_ok=True)
    marker = tmp_path / "paused"
    env = {**os.environ, "KPI_PSEUDONYM_KEY": TEST_KEY, "KPI_LANDING": str(loc.landing),
           "KPI_WAREHOUSE": str(loc.warehouse), "KPI_OUT": str(loc.out), "KPI_PAUSE_AT": "building",
           "KPI_PAUSE_FILE": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "kpi.cli", "run", "--as-of", "2024-03-31"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while not marker.exists():  # paused while building: Prefect's server is up, the working copy half built
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)  # as `kill -9 <pid>`: the kpi process alone
    proc.wait(timeout=30)
    deadline = time.monotonic() + 60
    while _processes_of(loc) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_of(loc) == []
    assert not working_copy_path(loc.warehouse).exists()


def test_two_runs_started_together_one_works_the_other_exits_3(landing, reference, loc):
    shutil.copytree(landing / "first", loc.landing, dirs_exist_ok=True)
    procs = [kpi_process(loc, "run", "--as-of", "2024-03-31") for _ in range(2)]
    results = [(p.wait(timeout=300), p.communicate()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 3], [err[-1500:] for _, (_, err) in results]
    loser = next(err for code, (_, err) in results if code == 3)
    assert "holds the warehouse" in loser and "Traceback" not in loser
    shutil.copytree(landing / "second", loc.landing, dirs_exist_ok=True)
    run(loc, "2024-04-30")
    assert comparable(loc.warehouse) == reference


def _in_force(loc) -> dict:
    """What the deliveries say, independent of arrival order: staging without file ids, and the scorecard."""
    tables = {}
    for name in ("stg_members", "stg_activists", "stg_actions", "stg_donations", "stg_spending", "stg_cost_centers"):
        tables[name] = query(loc, f"select * exclude (file_id) from staging.{name} order by all")
    tables["scorecard"] = query(loc, "select period_end, kpi_id, value, status from kpi.scorecard order by all")
    return tables


def test_arrival_order_redelivery_and_corrections_do_not_change_the_result(tmp_path):
    rows = {
        "donations/donations_20240131.csv": "T1,P1,2024-01-05,10.00,particulieren,gift,,\nT2,P2,2024-01-06,20.00,particulieren,gift,,",
        "donations/donations_20240229.csv": "T1,P1,2024-01-05,12.00,particulieren,gift,,\nT3,P3,2024-02-06,30.00,particulieren,gift,,",
        "donations/donations_20240331.csv": "T2,P2,2024-01-06,-20.00,particulieren,gift,,\nT4,P1,2024-03-06,40.00,particulieren,gift,,",
        "members/members_20240131.csv": "P1,2020-01-01,,,,,,,\nP2,2020-01-01,,,,,,,",
        "members/members_20240331.csv": "P1,2020-01-01,,,,,,,\nP3,2024-02-01,,,,,,,",
    }
    in_order = Locations.resolve(tmp_path / "a", tmp_path / "a.duckdb", tmp_path / "a-out")
    for name in sorted(rows, key=lambda n: n[-12:]):
        write(in_order, name, rows[name])
        run(in_order, "2024-03-31")
    shuffled = Locations.resolve(tmp_path / "b", tmp_path / "b.duckdb", tmp_path / "b-out")
    names = sorted(rows, key=lambda n: n[-12:], reverse=True)
    write(shuffled, names[0], rows[names[0]].replace("40.00", "41.00"))  # a first, wrong version ...
    run(shuffled, "2024-03-31")
    for name in names:  # ... re-delivered under its name, then the older files, newest first
        write(shuffled, name, rows[name])
        os.utime(shuffled.landing / name, ns=(time.time_ns(), time.time_ns()))
        run(shuffled, "2024-03-31")
    assert _in_force(shuffled) == _in_force(in_order)


def test_full_disk_gives_one_sentence_and_changes_nothing(landing, first_delivery, loc):
    start_from(first_delivery, loc)
    before, published = fingerprint(loc.warehouse, skip=STAMPS), outputs(loc)
    shutil.copytree(landing / "second", loc.landing, dirs_exist_ok=True)
    # The pipeline in its own process with a file-size limit: no file may grow past 64 KiB, so the warehouse's
    # growth and the outputs hit it, as on a full disk. (Prefect is left out: its ephemeral server would hit
    # the limit first.) The error goes through the same explanation the kpi command prints.
    driver = f"""
import resource, sys
from datetime import date
from pathlib import Path
from kpi import pipeline
from kpi.cli import explain
from kpi.paths import Locations
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
try:
    pipeline.execute(Locations.resolve({str(loc.landing)!r}, {str(loc.warehouse)!r}, {str(loc.out)!r}), "run",
                     date(2024, 4, 30))
except Exception as e:
    code, sentence = explain(e)
    print(sentence)
    sys.exit(code)
"""
    proc = subprocess.run([sys.executable, "-c", driver], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "KPI_PSEUDONYM_KEY": TEST_KEY})
    assert proc.returncode == 4, proc.stderr[-2000:]
    assert "disk is full" in proc.stdout and "Traceback" not in proc.stderr
    assert fingerprint(loc.warehouse, skip=STAMPS) == before
    assert outputs(loc) == published


def test_unwritable_output_folder_is_a_clear_error(landing, loc, tmp_path):
    shutil.copytree(landing / "first", loc.landing, dirs_exist_ok=True)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = kpi_process(loc, "run", "--as-of", "2024-03-31", env={"KPI_OUT": str(blocker / "out")})
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 2 and "output folder" in err and "Traceback" not in err
    assert not loc.warehouse.exists() or query(loc, "select count(*) from raw.donations") == [(0,)]
