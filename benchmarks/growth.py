"""How cost grows with size: a cold `kpi run` at several scales, its time per input row and peak memory.

    .venv/bin/python benchmarks/growth.py --scales 0.1 1.0 3.0 [--workdir bench-data]

Goals (BENCHMARKS.md): time per input row at the largest scale <= 1.25 x that at 1.0; peak memory <= 3 GiB at
every scale (DuckDB spills to disk beyond KPI_MEMORY_LIMIT).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from bench import END, ROOT, measure


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[0.1, 1.0, 3.0])
    ap.add_argument("--workdir", type=Path, default=ROOT / "bench-data")
    args = ap.parse_args()
    from kpi.sample import generate
    kpi = [str(Path(sys.executable).with_name("kpi"))]
    results = {}
    for scale in args.scales:
        work = args.workdir / f"growth-{scale}"
        shutil.rmtree(work, ignore_errors=True)
        started = time.perf_counter()
        generate(work / "landing", scale=scale, end=END)
        print(f"sample at scale {scale} generated in {time.perf_counter() - started:.0f} s", flush=True)
        env = {**os.environ, "KPI_PSEUDONYM_KEY": "benchmark-key", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120", "PREFECT_HOME": str(work / "prefect"),
               "KPI_LANDING": str(work / "landing"), "KPI_WAREHOUSE": str(work / "warehouse.duckdb"),
               "KPI_OUT": str(work / "out")}
        r = measure(f"cold run at scale {scale}", [*kpi, "run", "--as-of", END.isoformat()], env,
                    work / "warehouse.duckdb")
        r["us_per_row"] = r["flow_seconds"] / r["rows_loaded"] * 1e6
        print(f"  {r['rows_loaded']:,} rows, {r['us_per_row']:.2f} µs per row (flow's own work)", flush=True)
        results[scale] = r
        shutil.rmtree(work, ignore_errors=True)  # the next scale needs the disk
    largest = max(results)
    if 1.0 in results and largest > 1.0:
        ratio = results[largest]["us_per_row"] / results[1.0]["us_per_row"]
        print(f"time per row at {largest} / at 1.0 (goal <= 1.25): {ratio:.3f} {'met' if ratio <= 1.25 else 'MISSED'}")
    peak = max(r["peak_mib"] for r in results.values()) / 1024
    print(f"largest peak memory GiB (goal <= 3): {peak:.2f} {'met' if peak <= 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
