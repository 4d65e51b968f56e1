"""The deployments on a real Prefect server on 127.0.0.1: schedule, a triggered nightly run and a backfill."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import TEST_KEY, query, write


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds: float, what: str, procs=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                pytest.fail(f"{what}: a process ended early:\n{p.stdout.read()[-3000:] if p.stdout else ''}")
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def prefect_server(tmp_path, loc):
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_UI_ENABLED": "false", "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2", "KPI_PSEUDONYM_KEY": TEST_KEY,
           "KPI_LANDING": str(loc.landing), "KPI_WAREHOUSE": str(loc.warehouse), "KPI_OUT": str(loc.out)}
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    procs = [server]
    try:
        wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).status == 200,
                   120, "the Prefect server", procs)
        served = subprocess.Popen([sys.executable, "-m", "flows.serve"], env=env, stdout=open(tmp_path / "serve.log", "w"),
                                  stderr=subprocess.STDOUT)
        procs.append(served)
        # Prefect reads its settings once per process: point this process's client at the server explicitly
        from prefect.settings import PREFECT_API_URL, temporary_settings
        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}):
            yield env
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_deployments_schedule_nightly_and_backfill(prefect_server, loc):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    write(loc, "donations/donations_20240331.csv", "T1,P1,2024-01-05,100.00,particulieren,gift,,\n"
                                                   "T2,P1,2024-02-05,50.00,particulieren,gift,,")

    async def deployment(name):
        async with get_client() as client:
            return await client.read_deployment_by_name(name)

    wait_until(lambda: asyncio.run(deployment("kpi-backfill/backfill")), 300, "the deployments")
    nightly = asyncio.run(deployment("kpi-nightly/nightly"))
    schedule = nightly.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("0 2 * * *", "Europe/Amsterdam")

    async def scheduled_runs():
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
        async with get_client() as client:
            runs = await client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[nightly.id])))
            return [r for r in runs if r.state and r.state.is_scheduled()]
    wait_until(lambda: asyncio.run(scheduled_runs()), 90, "the scheduler to create nightly runs")
    first = asyncio.run(scheduled_runs())[0]
    assert first.expected_start_time.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Amsterdam")).hour == 2

    run = run_deployment("kpi-nightly/nightly", parameters={"as_of": "2024-03-31"}, timeout=240)
    assert run.state.is_completed(), run.state
    assert query(loc, "select value from kpi.scorecard where period_end = '2024-03-31' and kpi_id = 'income_total'") == [
        (150.0,)]
    nightly_run_id = query(loc, "select run_id from kpi.scorecard where period_end = '2024-02-29' limit 1")[0][0]

    run = run_deployment("kpi-backfill/backfill", parameters={"start": "2024-02-01", "end": "2024-02-29"}, timeout=240)
    assert run.state.is_completed(), run.state
    rows = dict(query(loc, "select period_end::varchar, run_id from kpi.scorecard where kpi_id = 'income_total'"))
    assert rows["2024-02-29"] != nightly_run_id and rows["2024-03-31"] == nightly_run_id
