"""kpi.prefect_api: a `kpi` command starts Prefect's server itself, reports everything to it and stops it."""

from __future__ import annotations

import http.client
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time

import pytest

from conftest import write
from kpi.prefect_api import TemporaryApi, wait_for_exit
from test_cli import assert_one_sentence, kpi, paths

EARLY = ("from kpi.prefect_api import early\n"
         "with early(True) as api:\n"
         "    print('api:', api and api.url)\n")


def test_kpi_run_reports_to_its_own_server_and_stops_it(loc, tmp_path):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    home = tmp_path / "prefect-home"
    result = kpi("run", "--as-of", "2024-01-31", *paths(loc), env={"PREFECT_HOME": str(home)})
    assert result.returncode == 0, result.stderr[-3000:]
    port = int(re.search(r"Starting temporary Prefect server on http://127\.0\.0\.1:(\d+)", result.stderr).group(1))
    assert "Starting temporary server" not in result.stderr  # Prefect did not start a second one
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0  # stopped with the command
    db = sqlite3.connect(home / "prefect.db")
    runs = db.execute("select id, state_name from flow_run where flow_id in "
                      "(select id from flow where name = 'kpi-nightly')").fetchall()
    assert [state for _, state in runs] == ["Completed"]
    keys = {k for (k,) in db.execute("select key from artifact where flow_run_id = ?", [runs[0][0]])}
    assert keys == {"kpi-run-summary", "kpi-scorecard"}
    logs = [m for (m,) in db.execute("select message from log where flow_run_id = ? order by timestamp", [runs[0][0]])]
    assert any(m.startswith("event=file_loaded") for m in logs)
    assert logs[-1] == "Finished in state Completed()"  # the last lines were sent before the server stopped


def test_a_prefect_home_that_cannot_be_created_is_named_in_one_sentence(loc, tmp_path):
    home = tmp_path / "missing" / "prefect-home"  # its parent does not exist either
    result = kpi("run", "--as-of", "2024-01-31", *paths(loc), env={"PREFECT_HOME": str(home)})
    assert_one_sentence(result, 2, str(home), "PREFECT_HOME")
    assert not (tmp_path / "missing").exists() and not loc.warehouse.exists()


def test_a_configured_prefect_api_is_used_instead(tmp_path):
    profiles = tmp_path / "profiles.toml"
    profiles.write_text('active = "remote"\n[profiles.remote]\nPREFECT_API_URL = "http://127.0.0.1:9/api"\n')
    env = {"PREFECT_HOME": str(tmp_path / "home"), "PREFECT_PROFILES_PATH": str(profiles),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    from_profile = subprocess.run([sys.executable, "-c", EARLY], capture_output=True, text=True, env=env, timeout=120)
    assert from_profile.stdout.strip() == "api: None", from_profile.stderr[-2000:]
    from_env = subprocess.run([sys.executable, "-c", EARLY], capture_output=True, text=True, timeout=120,
                              env={**env, "PREFECT_PROFILES_PATH": str(tmp_path / "none.toml"),
                                   "PREFECT_API_URL": "http://127.0.0.1:9/api"})
    assert from_env.stdout.strip() == "api: None", from_env.stderr[-2000:]


def test_without_a_configured_api_the_command_gets_its_own(tmp_path):
    env = {"PREFECT_HOME": str(tmp_path / "home"), "PREFECT_PROFILES_PATH": str(tmp_path / "none.toml"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    result = subprocess.run([sys.executable, "-c", EARLY], capture_output=True, text=True, env=env, timeout=120)
    assert re.fullmatch(r"api: http://127\.0\.0\.1:\d+/api", result.stdout.strip()), result.stderr[-2000:]


def test_the_temporary_server_answers_without_waiting_for_delayed_acknowledgements(tmp_path, monkeypatch):
    # A server socket without TCP_NODELAY holds each response's second write until the client acknowledges
    # the first, which Linux delays by 40 ms: every API call of a run took ~45 ms instead of ~3 ms.
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    api = TemporaryApi()
    try:
        api.ready()
        connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=10)  # one kept-alive connection
        seconds = []
        for _ in range(15):
            started = time.perf_counter()
            connection.request("GET", "/api/admin/version")
            response = connection.getresponse()
            assert response.status == 200 and response.read()
            seconds.append(time.perf_counter() - started)
        connection.close()
    finally:
        api.stop()
    assert statistics.median(seconds) < 0.02, seconds


def test_wait_for_exit_returns_the_exit_code_or_times_out():
    quick = subprocess.Popen([sys.executable, "-c", "import time, sys; time.sleep(0.2); sys.exit(7)"])
    assert wait_for_exit(quick, timeout=10) == 7 and quick.returncode == 7
    assert wait_for_exit(quick, timeout=10) == 7  # already reaped: Popen's own answer
    slow = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        started = time.perf_counter()
        with pytest.raises(subprocess.TimeoutExpired):
            wait_for_exit(slow, timeout=0.3)
        assert 0.3 <= time.perf_counter() - started < 5 and slow.poll() is None
    finally:
        slow.kill()
        slow.wait()
