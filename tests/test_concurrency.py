"""One writer at a time, with real processes: a second run exits 3 (or waits), status never blocks a run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from conftest import TEST_KEY, query
from kpi.errors import WarehouseLocked
from kpi.sample import generate
from kpi.warehouse import probe_lock


STARTED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_stray_processes():
    yield
    while STARTED:
        proc = STARTED.pop()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=60)


def start(*args, loc) -> subprocess.Popen:
    env = {**os.environ, "KPI_PSEUDONYM_KEY": TEST_KEY, "KPI_LANDING": str(loc.landing),
           "KPI_WAREHOUSE": str(loc.warehouse), "KPI_OUT": str(loc.out)}
    proc = subprocess.Popen([sys.executable, "-m", "kpi.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    STARTED.append(proc)
    return proc


def wait_for_lock(loc, proc, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            probe_lock(loc.warehouse)
        except WarehouseLocked:
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    pytest.fail("the first run never took the lock")


def test_second_run_exits_3_status_reads_and_wait_queues(loc):
    generate(loc.landing, scale=0.01, seed=3, end=date(2024, 6, 30))
    first = start("run", "--as-of", "2024-06-30", loc=loc)
    wait_for_lock(loc, first)

    second = start("run", "--as-of", "2024-06-30", loc=loc)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 3 and "holds the warehouse" in err and "--wait" in err

    waiting = start("run", "--as-of", "2024-06-30", "--wait", loc=loc)
    status = start("status", loc=loc)
    s_out, s_err = status.communicate(timeout=120)
    # status reads the snapshot: before the first run finished there is none, and it says so in one sentence
    assert status.returncode in (0, 2), s_err
    assert "Traceback" not in s_err

    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    w_out, w_err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, w_err[-2000:]
    assert query(loc, "select count(*), count(*) filter (where built) from meta.runs where status = 'ok'") == [(2, 1)]


def test_status_during_a_run_never_blocks_it(loc):
    generate(loc.landing, scale=0.005, seed=4, end=date(2024, 6, 30))
    first = start("run", "--as-of", "2024-05-31", loc=loc)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    generate(loc.landing, scale=0.005, seed=4, end=date(2024, 6, 30))  # same files: nothing new
    run = start("run", "--as-of", "2024-06-30", loc=loc)
    wait_for_lock(loc, run)
    readers = [start("status", loc=loc) for _ in range(3)]
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0 and "Recent runs" in out, err
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err[-2000:]
