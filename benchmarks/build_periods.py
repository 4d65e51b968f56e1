"""Time the KPI build (staging -> marts -> kpi) on a loaded warehouse for 12, 24 and 48 periods.

    .venv/bin/python benchmarks/build_periods.py WAREHOUSE [--as-of 2026-11-22]

Every build rebuilds staging in full (no merge) and builds the movement's marts from every person (no update for
the changed persons). Works on a copy of the warehouse, outside a transaction as a
run does, so the warehouse is left untouched.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from kpi import models, targets
from kpi.paths import DEFAULT_TARGETS
from kpi.warehouse import resource_config


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("warehouse", type=Path)
    ap.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 22))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copy(args.warehouse, copy)
        con = duckdb.connect(str(copy), config=resource_config())
        base = targets.load(DEFAULT_TARGETS)
        for periods in (12, 24, 48):
            month = args.as_of.year * 12 + args.as_of.month - periods  # periods month-ends up to the as-of month
            start = date(month // 12, month % 12 + 1, 1)
            t = dataclasses.replace(base, reporting_start=start)
            con.execute("delete from meta.staged")  # a full rebuild of staging, not a merge of nothing new
            con.execute("delete from meta.settings where name = 'movement_sql'")  # a count, not an update
            started = time.perf_counter()
            models.build(con, t, f"bench-{periods}", args.as_of, None)
            seconds = time.perf_counter() - started
            n = con.execute("select count(*) from marts.periods").fetchone()[0]
            print(f"{n:>3} periods (from {start}): build {seconds:6.1f} s", flush=True)


if __name__ == "__main__":
    main()
