"""Every KPI of kpis.md and strategy.md against hand-computed cases in tests/sql/<case>/ (inputs, expected rows)."""

from __future__ import annotations

import csv
import math
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import query, run
from kpi.paths import DEFAULT_TARGETS

CASES = sorted(p for p in (Path(__file__).parent / "sql").iterdir() if (p / "case.toml").exists())


def _number(text: str):
    return None if text == "" else float(text)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_kpi_case(case, loc, tmp_path):
    spec = tomllib.loads((case / "case.toml").read_text())
    shutil.copytree(case / "landing", loc.landing, dirs_exist_ok=True)
    if "reporting_start" in spec:
        targets = tmp_path / "targets.toml"
        targets.write_text(DEFAULT_TARGETS.read_text().replace("start = 2021-01-01",
                                                               f"start = {spec['reporting_start']}"))
        loc = type(loc)(loc.landing, loc.warehouse, loc.out, targets)
    summary = run(loc, str(spec["as_of"]))
    assert summary["files_rejected"] == 0, summary["rejected"]
    with open(case / "expected.csv", newline="") as f:
        expected = list(csv.DictReader(f))
    mismatches = []
    for row in expected:
        got = query(loc, "select value, target, status from kpi.scorecard where period_end = ? and kpi_id = ?",
                    [row["period_end"], row["kpi_id"]])
        assert len(got) == 1, f"no scorecard row for {row['period_end']} {row['kpi_id']}"
        value, target, status = got[0]
        want = _number(row["value"])
        if not (value == want or (value is not None and want is not None and math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-12))):
            mismatches.append((row["period_end"], row["kpi_id"], "value", value, want))
        if "target" in row and _number(row["target"]) != target:
            mismatches.append((row["period_end"], row["kpi_id"], "target", target, _number(row["target"])))
        if "status" in row and (row["status"] or None) != status:
            mismatches.append((row["period_end"], row["kpi_id"], "status", status, row["status"] or None))
    assert mismatches == []


def test_every_kpi_id_is_covered_by_a_case():
    covered = set()
    for case in CASES:
        with open(case / "expected.csv", newline="") as f:
            covered |= {row["kpi_id"] for row in csv.DictReader(f)}
    catalogue = {line.split("'")[1] for line in (DEFAULT_TARGETS.parents[1] / "sql/kpi/kpi_catalog.sql").read_text().splitlines()
                 if line.strip().startswith("(") and "'" in line}
    assert catalogue - covered == set()
