"""Hostile and broken files: every file is loaded whole or rejected whole with a reason, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADERS, query, run, write
from kpi.paths import Locations

VALID = (HEADERS["donations"] + "\n" + "\n".join(
    f"T{i},P{i % 7},2024-01-{1 + i % 28:02d},{i * 3}.50,particulieren,gift,CAMP,NL00BANK{i:010d}" for i in range(40))
    + "\n").encode()


def mutations():
    truncate = st.integers(0, len(VALID)).map(lambda n: VALID[:n])
    flips = st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8).map(
        lambda changes: bytes(_flip(VALID, changes)))
    huge = st.integers(1_000, 3_000_000).map(lambda n: VALID.replace(b"CAMP", b"X" * n, 1))
    encodings = st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252", "utf-8-sig"]).map(
        lambda enc: VALID.decode().replace("CAMP", "Café € ü").encode(enc, errors="replace"))
    formulas = st.sampled_from(['=HYPERLINK("http://example.org","x")', "+1+1", "-2+3", "@SUM(A1)", '"=1,2"']).map(
        lambda f: VALID.replace(b"CAMP", f.encode(), 1))
    noise = st.binary(min_size=0, max_size=2000)
    return st.one_of(truncate, flips, huge, encodings, formulas, noise)


def _flip(data: bytes, changes):
    out = bytearray(data)
    for position, value in changes:
        out[position] = value
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(content=mutations())
def test_any_file_is_loaded_whole_or_rejected_with_a_reason(content):
    with tempfile.TemporaryDirectory() as tmp:
        loc = Locations.resolve(Path(tmp) / "landing", Path(tmp) / "wh.duckdb", Path(tmp) / "out")
        write(loc, "donations/donations_20240131.csv", content)
        summary = run(loc, "2024-01-31")  # any exception here fails the property
        assert summary["files_loaded"] + summary["files_rejected"] + summary["files_skipped"] == 1
        loaded = query(loc, "select coalesce(sum(rows), 0) from meta.files where status = 'loaded'")[0][0]
        assert query(loc, "select count(*) from raw.donations")[0][0] == loaded
        for rejected in summary["rejected"]:
            assert rejected["file"] == "donations/donations_20240131.csv" and len(rejected["reason"]) > 10
            assert "Traceback" not in rejected["reason"]


def test_formula_like_text_stays_text_in_the_excel_pack(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv",
          'CC1,objectives,1,"=HYPERLINK(""http://example.org"",""klik"")",Campagnes')
    write(loc, "spending/spending_20240131.csv", "E1,2024-01-05,4000,CC1,10.00,=1+1")
    run(loc, "2024-01-31")
    sheet = openpyxl.load_workbook(loc.out / "board_pack.xlsx")["Lasten naar bestemming"]
    cell = sheet.cell(2, 2)
    assert cell.value == '=HYPERLINK("http://example.org","klik")' and cell.data_type == "s"
    assert "=HYPERLINK" not in (loc.out / "report.html").read_text() or "&quot;" in (loc.out / "report.html").read_text()
