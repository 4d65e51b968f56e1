"""Board outputs: the Excel pack read back and checked against the scorecard; the report in a real browser."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
from datetime import date

import openpyxl
import pytest

from conftest import query, run
from kpi.labels import Labels
from kpi.sample import generate


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    import os
    from conftest import TEST_KEY
    from kpi.paths import Locations
    os.environ["KPI_PSEUDONYM_KEY"] = TEST_KEY
    base = tmp_path_factory.mktemp("outputs")
    loc = Locations.resolve(base / "landing", base / "wh.duckdb", base / "out")
    generate(loc.landing, scale=0.003, seed=11, end=date(2025, 10, 15))
    run(loc, "2025-10-15")
    return loc


def test_excel_pack_matches_the_scorecard(published):
    wb = openpyxl.load_workbook(published.out / "board_pack.xlsx")
    assert wb.sheetnames == ["Laatste periode", "Maandhistorie", "Begroting", "Lasten naar bestemming", "Definities"]
    ws = wb["Laatste periode"]
    labels = Labels("nl")
    scorecard = {k: (v, u, s) for k, v, u, s in query(
        published, "select kpi_id, value, unit, status from kpi.scorecard where period_end = '2025-10-15'")}
    names = {labels.kpi(k): k for k in scorecard}
    seen = 0
    for row in ws.iter_rows(min_row=5):
        kpi_id = names[row[0].value]
        value, unit, status = scorecard[kpi_id]
        assert row[1].value == pytest.approx(value) if value is not None else row[1].value is None
        assert ("%" in row[1].number_format) == (unit == "ratio") and ("€" in row[1].number_format) == (unit == "eur")
        assert (row[3].value or None) == (labels.status(status) or None)
        seen += 1
    assert seen == len(scorecard) == 39  # kpis.md's 22 and strategy.md's 17
    definitions = {r[3].value: r[2].value for r in wb["Definities"].iter_rows(min_row=2)}
    assert definitions["members"].startswith("persons with a membership period")
    assert definitions["staff_fte_structural"].startswith("the sum of fte over staff rows")
    history = wb["Maandhistorie"]
    assert history.cell(1, 2).value == "Leden" and history.cell(2, 1).value == "januari 2021"


def test_dutch_and_english_number_formats():
    nl, en = Labels("nl"), Labels("en")
    assert nl.value(1234.56, "eur") == "€ 1.234,56" and nl.value(0.753, "ratio") == "75,3%"
    assert en.value(1234.56, "eur") == "€1,234.56" and en.value(0.753, "ratio") == "75.3%"
    assert nl.value(370000, "persons") == "370.000" and nl.month(date(2025, 3, 31)) == "maart 2025"
    assert nl.value(73.888889, "fte") == "73,89 fte" and en.value(1234.5, "fte") == "1,234.50 fte"


class RequestRecorder:
    """Chromium's proxy: records the host of every request that tries to leave the machine, answers none."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.hosts: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                line = conn.recv(512).split(b"\r\n")[0].decode("latin-1")
                target = line.split(" ")[1]
                self.hosts.append(re.sub(r"^\w+://", "", target).split("/")[0].split(":")[0])
            except (OSError, IndexError):
                self.hosts.append("?")
            conn.close()


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium")
    if path is None:  # the test setup installs Debian's chromium when it is missing
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, capture_output=True,
                       env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
        path = shutil.which("chromium")
    return path


def _browse(chromium, url, profile, extra=()):
    """Open url in headless Chromium with every network request sent to a recorder; (stdout, hosts)."""
    recorder = RequestRecorder()
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--metrics-recording-only", "--no-default-browser-check",
            f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{recorder.port}",
            "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=5000", *extra, url]
    out = subprocess.run(args, capture_output=True, text=True, timeout=120).stdout
    return out, set(recorder.hosts)


def test_report_renders_charts_with_scorecard_values_and_no_network(published, chromium, tmp_path):
    page = published.out / "report.html"
    # the browser's own housekeeping (update and time checks) goes out even for a blank page: that is the floor
    _, browser_hosts = _browse(chromium, "about:blank", tmp_path / "blank", ["--dump-dom"])
    dom, hosts = _browse(chromium, page.as_uri(), tmp_path / "profile", ["--dump-dom"])
    shot = tmp_path / "report.png"
    _browse(chromium, page.as_uri(), tmp_path / "shot", ["--window-size=900,2400", f"--screenshot={shot}"])
    assert shot.exists() and shot.stat().st_size > 20_000
    assert hosts <= browser_hosts, f"the report tried to reach {hosts - browser_hosts}"
    for chart in ("chart-movement", "chart-ratios", "chart-budget"):
        assert f"id=\"{chart}\"" in dom and "<svg" in dom.split(f"id=\"{chart}\"")[1][:400]
    drawn = {m[0]: float(m[1]) for m in re.findall(
        r'<circle[^>]*data-period="([\d-]+)" data-value="([^"]+)"', dom.split('class="series" data-kpi="movement_total"')[1].split("</g>")[0])}
    expected = dict(query(published, "select period_end::varchar, value from kpi.scorecard where kpi_id = 'movement_total' "
                                     "and (period_end = last_day(period_end) or period_end = '2025-10-15')"))
    assert drawn == pytest.approx(expected) and len(drawn) >= 57
    ratio = re.findall(r'data-period="2024-12-31" data-value="([^"]+)"', dom.split('class="series" data-kpi="management_admin_ratio"')[1].split("</g>")[0])
    assert float(ratio[0]) == pytest.approx(query(published, "select value from kpi.scorecard where kpi_id = "
                                                             "'management_admin_ratio' and period_end = '2024-12-31'")[0][0])
    text = page.read_text()
    assert not re.search(r"<script|<link|<img|src=|@import|url\(", text)
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")
