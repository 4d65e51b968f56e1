"""Shared test helpers: a landing folder in a temp dir, runs without Prefect, and warehouse fingerprints."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pytest

from kpi import models, pipeline, targets
from kpi.paths import DEFAULT_TARGETS, Locations
from kpi.warehouse import table_names

TEST_KEY = "test-key-not-secret"

# Prefect keeps its ephemeral database in PREFECT_HOME: one per test session, never the user's.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="kpi-tests-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Prefect's ephemeral server logs "stopping" at interpreter exit, after pytest closed its capture streams
logging.raiseExceptions = False

HEADERS = {
    "members": "person_id,member_since,member_until,birth_date,postcode,email,contribution_amount,contribution_frequency,recruitment_channel",
    "activists": "person_id,activist_since,activist_until,activist_type,birth_date,postcode,email",
    "actions": "participation_id,person_id,action_date,action_code,action_type,channel,email",
    "donations": "transaction_id,person_id,booking_date,amount,income_source,income_type,campaign_code,iban",
    "spending": "entry_id,booking_date,account,cost_center,amount,description",
    "cost_centers": "cost_center,category,share,objective,name",
    "accounts": "account,name,cost_type,structural",
    "budget": "year,month,line,amount",
    "staff": "employee_id,start_date,end_date,fte,contract_type,structural,department,birth_date,email,iban,salary",
    "reserves": "balance_date,reserve,reserve_type,amount",
    "education": "activity_id,activity_date,school_level,activity_type,participants,campaign_code",
    "portfolios": "portfolio,segment,started_on,name",
}


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """Every test gets its own pseudonym key and no stray KPI_* settings."""
    for name in ("KPI_LANDING", "KPI_WAREHOUSE", "KPI_OUT", "KPI_TARGETS", "KPI_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KPI_PSEUDONYM_KEY", TEST_KEY)


@pytest.fixture
def loc(tmp_path) -> Locations:
    landing = tmp_path / "landing"
    landing.mkdir()
    return Locations.resolve(landing, tmp_path / "wh.duckdb", tmp_path / "out")


def write(loc: Locations, name: str, text: str | bytes, header: str | None = None) -> Path:
    """Write a landing file, e.g. write(loc, 'donations/donations_20240131.csv', rows)."""
    path = loc.landing / name
    path.parent.mkdir(parents=True, exist_ok=True)
    source = name.split("/")[0]
    if isinstance(text, str):
        body = text.strip("\n") + "\n"
        if header is not False and header != "none":
            body = (header or HEADERS[source]) + "\n" + body
        path.write_text(body, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def deliver(loc: Locations, files: dict[str, tuple[str, str]]) -> None:
    """Write landing files given as {name: (header, rows)}."""
    for name, (header, rows) in files.items():
        write(loc, name, rows, header=header)


def run(loc: Locations, as_of: str = "2024-12-31", first: str | None = None) -> dict:
    """One run of the pipeline without Prefect (the flows wrap exactly these steps)."""
    return pipeline.execute(loc, "backfill" if first else "run", date.fromisoformat(as_of),
                            date.fromisoformat(first) if first else None)


def query(loc: Locations, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(loc.warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def kpis(loc: Locations, period: str) -> dict[str, float | None]:
    return dict(query(loc, "select kpi_id, value from kpi.scorecard where period_end = ?", [period]))


RUN_STAMPS = {"run_id", "computed_at", "recorded_at", "restated_at"}  # which run wrote a row, not what the row says


def rebuilt_copy(warehouse: Path, copy: Path, forget: str, contents, as_of: date | None = None) -> dict:
    """contents(con) of a copy of the warehouse whose models were built again, as of the last build's date
    unless as_of is given, after the statement forget (e.g. one that makes the build start from scratch)."""
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute(forget)
        as_of = as_of or con.execute("select max(as_of) from meta.runs where built").fetchone()[0]
        models.build(con, targets.load(DEFAULT_TARGETS), "rebuilt", as_of, None)
        return contents(con)
    finally:
        con.close()


def fingerprint(warehouse: Path, skip=("meta.runs",)) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every table (run stamps aside): equal data, equal prints."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        result = {}
        for name in table_names(con):
            if name in skip:
                continue
            columns = [r[0] for r in con.execute(f"describe {name}").fetchall() if r[0] not in RUN_STAMPS]
            row = "row(" + ", ".join(f'"{c}"' for c in columns) + ")::varchar"
            count, digest = con.execute(
                f"select count(*), coalesce(sum(hash({row})::hugeint), 0)::varchar from {name}").fetchone()
            result[name] = (count, digest)
        return result
    finally:
        con.close()

