"""Personal data never reaches the warehouse or the outputs; person_id only as a keyed HMAC."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path
from datetime import date

import duckdb
import pytest

from conftest import TEST_KEY, query, run
from kpi import pseudonym
from kpi.sample import generate
from kpi.warehouse import table_names


def _raw_values(landing) -> dict[str, set[str]]:
    """The personal values in the generated sample, read back from the landing files with DuckDB."""
    con = duckdb.connect()
    values = {}
    for what, source, column in (("email", "members", "email"), ("iban", "donations", "iban"),
                                 ("postcode", "members", "postcode"), ("person_id", "members", "person_id"),
                                 ("birth_date", "activists", "birth_date"), ("employee_id", "staff", "employee_id"),
                                 ("email", "staff", "email"), ("iban", "staff", "iban"),
                                 ("birth_date", "staff", "birth_date"), ("salary", "staff", "salary")):
        files = sorted(str(p) for p in (landing / source).glob("*.csv"))
        rows = con.execute(f"select distinct {column}::varchar from read_csv({files}, all_varchar=true, "
                           f"union_by_name=true) where {column} is not null").fetchall()
        values[what] = values.get(what, set()) | {r[0] for r in rows}
    return values


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("pii")
    from kpi.paths import Locations
    loc = Locations.resolve(base / "landing", base / "wh.duckdb", base / "out")
    generate(loc.landing, scale=0.002, seed=7, end=date(2024, 6, 30))
    os.environ["KPI_PSEUDONYM_KEY"] = TEST_KEY
    run(loc, "2024-06-30")
    return loc


def test_no_personal_value_in_any_column_of_any_table_or_output(demo):
    secrets = _raw_values(demo.landing)
    assert all(len(v) > 10 for v in secrets.values()), "the sample must contain personal data to look for"
    con = duckdb.connect(str(demo.warehouse), read_only=True)
    found = []
    # birth dates in the files are DD-MM-YYYY or YYYY-MM-DD; compare in ISO form
    secrets["birth_date"] |= {f"{d[6:]}-{d[3:5]}-{d[:2]}" for d in secrets["birth_date"] if d[2:3] == "-"}
    for table in table_names(con):
        for column, kind, *_ in con.execute(f"describe {table}").fetchall():
            values = {r[0] for r in con.execute(f'select distinct "{column}"::varchar from {table}').fetchall()}
            for what, raw in secrets.items():
                hits = values & raw
                # a DATE column (membership start, booking date) shares some days with birth dates by chance;
                # a stored birth date would cover most of them
                if what == "birth_date" and kind == "DATE" and len(hits) < 0.5 * len(raw) / 2:
                    continue
                if hits:
                    found.append((table, column, what, sorted(hits)[:3]))
    con.close()
    for out in demo.out.iterdir():
        text = out.read_bytes().decode("utf-8", errors="ignore")
        # a salary (4973.57) is a number like any other: looked for in the tables above, where a value is
        # compared whole; in a page of numbers it would be found by chance
        found += [(out.name, what) for what, raw in secrets.items() if what != "salary"
                  for v in list(raw)[:200] if v in text]
    assert found == []


def test_person_key_is_the_hmac_sha256_of_the_person_id(demo):
    person = sorted(_raw_values(demo.landing)["person_id"])[0]
    expected = hmac.new(TEST_KEY.encode(), person.encode(), hashlib.sha256).hexdigest()
    assert query(demo, "select count(*) from staging.stg_members where person_key = ?", [expected])[0][0] >= 1


def test_key_file_is_created_owner_only_on_first_use(tmp_path, monkeypatch):
    monkeypatch.delenv("KPI_PSEUDONYM_KEY")
    key = pseudonym.load_key(tmp_path / "wh.duckdb")
    path = tmp_path / "pseudonym.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) == 64
    assert pseudonym.load_key(tmp_path / "wh.duckdb") == key


def test_a_different_key_is_refused_for_an_existing_warehouse(loc, monkeypatch):
    from conftest import write
    from kpi.errors import UsageError
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    run(loc)
    monkeypatch.setenv("KPI_PSEUDONYM_KEY", "another key")
    with pytest.raises(UsageError, match="pseudonym key differs"):
        run(loc)


def test_demo_logs_artifacts_and_repository_hold_no_personal_data(tmp_path):
    """A real `kpi demo` (Prefect ephemeral): its logs, artifacts, warehouse and key file, and git's index."""
    import asyncio
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "KPI_PSEUDONYM_KEY"}
    env |= {"KPI_LANDING": str(tmp_path / "landing"), "KPI_WAREHOUSE": str(tmp_path / "wh.duckdb"),
            "KPI_OUT": str(tmp_path / "out"), "KPI_KEY_FILE": str(tmp_path / "secret" / "pseudonym.key")}
    done = subprocess.run([sys.executable, "-m", "kpi.cli", "demo", "--scale", "0.002", "--as-of", "2024-06-30"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert stat.S_IMODE((tmp_path / "secret" / "pseudonym.key").stat().st_mode) == 0o600
    secrets = _raw_values(tmp_path / "landing")
    logs = done.stdout + done.stderr

    from prefect.client.orchestration import get_client

    async def artifacts():
        async with get_client() as client:
            return [str(a.data) for a in await client.read_artifacts()]
    published = "\n".join(asyncio.run(artifacts()))
    assert "KPI run" in published
    leaks = [(what, v) for what, values in secrets.items() for v in values
             if what not in ("birth_date", "salary") and (v in logs or v in published)]
    assert leaks == []

    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parents[1]).stdout.splitlines()
    assert not [f for f in tracked if f.endswith((".duckdb", ".key", ".wal")) or "landing/" in f and "tests/sql" not in f]
