"""Benchmark: cold run (with and without strategy.md's optional sources), nightly increment, no-change rerun, a
plain-DuckDB baseline and a bare Prefect flow.

    .venv/bin/python benchmarks/bench.py --scale 0.1 [--workdir bench-data] [--json results.json]

Each measurement is a separate process; its wall time and peak resident memory (ru_maxrss) are printed, and
for a `kpi run` also the flow's own work (the run's start to its end as meta.runs records them, without the
process's and Prefect's start-up), with the ratios the performance goals are stated in. See BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
END = date(2026, 11, 22)


def measure(label: str, args: list[str], env: dict, warehouse: Path | None = None) -> dict:
    """Run one command in a child that reports its own peak memory; wall time from here. The file system is
    synced first, so that no measurement pays for writing back what the one before it wrote."""
    os.sync()
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    try:
        peak_kib, code = map(int, done.stdout.strip().splitlines()[-1].split())
    except (ValueError, IndexError):
        raise SystemExit(f"{label} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    if code not in (0,):
        raise SystemExit(f"{label} exited {code}:\n{done.stderr[-3000:]}")
    result = {"label": label, "seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024)}
    if warehouse is not None:
        result["flow_seconds"], result["rows_loaded"] = last_run(warehouse)
    work = f" (flow's own work {result['flow_seconds']:.2f} s)" if warehouse is not None else ""
    print(f"{label:<28} {result['seconds']:>9.2f} s {result['peak_mib']:>7} MiB{work}", flush=True)
    return result


def last_run(warehouse: Path) -> tuple[float, int]:
    """The last run's own work in seconds (meta.runs), and the rows of every file loaded so far."""
    import duckdb
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        seconds = con.execute("select epoch(finished_at - started_at) from meta.runs order by started_at desc "
                              "limit 1").fetchone()[0]
        rows = con.execute("select coalesce(sum(rows), 0) from meta.files where status in ('loaded', "
                           "'superseded')").fetchone()[0]
        return round(seconds, 2), int(rows)
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--workdir", type=Path, default=ROOT / "bench-data")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    work = args.workdir / f"scale-{args.scale}"
    shutil.rmtree(work, ignore_errors=True)
    full, landing = work / "all-files", work / "landing"
    # the first start of Prefect's server creates its database; on a busy machine that outlasts the default 20 s
    env = {**os.environ, "KPI_PSEUDONYM_KEY": "benchmark-key", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120", "PREFECT_HOME": str(work / "prefect"), "KPI_LANDING": str(landing),
           "KPI_WAREHOUSE": str(work / "warehouse.duckdb"), "KPI_OUT": str(work / "out")}
    kpi = [str(Path(sys.executable).with_name("kpi"))]

    started = time.perf_counter()
    from kpi.sample import generate
    generate(full, scale=args.scale, end=END)
    print(f"sample at scale {args.scale}: {sum(1 for _ in full.rglob('*.*'))} files, "
          f"{sum(p.stat().st_size for p in full.rglob('*.*')) / 2**20:.0f} MiB, "
          f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    last_day = f"_{END:%Y%m%d}."
    shutil.copytree(full, landing, ignore=lambda folder, names: [n for n in names if last_day in n])

    previous = (END - timedelta(days=1)).isoformat()
    # Warm-up, not measured: the first Prefect start creates its database in PREFECT_HOME (its migrations),
    # which a nightly machine did once, long ago. Every measurement below starts with that database in place.
    subprocess.run([sys.executable, str(ROOT / "benchmarks/bare_flow.py")], env=env, capture_output=True, check=True)
    warehouse = work / "warehouse.duckdb"
    results = [measure("baseline (plain duckdb)", [sys.executable, str(ROOT / "benchmarks/baseline.py"),
                                                   str(landing), str(work / "baseline.duckdb"), previous], env),
               measure("cold run", [*kpi, "run", "--as-of", previous], env, warehouse),
               measure("bare prefect flow", [sys.executable, str(ROOT / "benchmarks/bare_flow.py")], env)]
    from kpi.contract import OPTIONAL_SOURCES
    core = work / "without-optional"  # the same files without strategy.md's optional sources
    shutil.copytree(landing, core / "landing", ignore=lambda folder, names: [n for n in names if n in OPTIONAL_SOURCES])
    results.append(measure("cold run, core sources only", [*kpi, "run", "--as-of", previous],
                           {**env, "KPI_LANDING": str(core / "landing"), "KPI_WAREHOUSE": str(core / "warehouse.duckdb"),
                            "KPI_OUT": str(core / "out")}, core / "warehouse.duckdb"))
    shutil.rmtree(core)
    same = compare_scorecards(work / "warehouse.duckdb", work / "baseline.duckdb", previous)
    for p in full.rglob(f"*{last_day}*"):
        target = landing / p.relative_to(full)
        shutil.copy2(p, target)
    results.append(measure("nightly increment", [*kpi, "run", "--as-of", END.isoformat()], env, warehouse))
    results.append(measure("no-change rerun", [*kpi, "run", "--as-of", END.isoformat()], env, warehouse))

    by = {r["label"]: r for r in results}
    goals = [  # (what, value, the goal's limit)
        ("cold / baseline", by["cold run"]["seconds"] / by["baseline (plain duckdb)"]["seconds"], "2.0"),
        ("increment / cold, flow's own work",
         by["nightly increment"]["flow_seconds"] / by["cold run"]["flow_seconds"], "0.10"),
        ("cold peak memory GiB", by["cold run"]["peak_mib"] / 1024, "3"),
    ]
    print(f"nightly increment, whole command {by['nightly increment']['seconds']:.2f} s; bare Prefect flow "
          f"{by['bare prefect flow']['seconds']:.2f} s; no-change rerun {by['no-change rerun']['seconds']:.2f} s")
    ratios = {f"{what} (goal <= {limit})": value for what, value, limit in goals}
    for what, value, limit in goals:  # three decimals: 0.105 against 0.10 must not print as 0.10
        print(f"{what + f' (goal <= {limit})':<48} {value:.3f} {'met' if value <= float(limit) else 'MISSED'}")
    print(f"baseline scorecard (every period up to {previous}) equals the pipeline's: {same}")
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, "results": results, "ratios": ratios,
                                         "baseline_matches": same}, indent=2))
    if not same:
        raise SystemExit("the baseline computed a different scorecard")


def compare_scorecards(warehouse: Path, baseline: Path, period: str) -> bool:
    import duckdb
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as w (read_only); attach '{baseline}' as b (read_only)")
    differences = con.execute(
        "select count(*) from w.kpi.scorecard as w full join b.kpi.scorecard as b using (period_end, kpi_id) "
        "where period_end <= ? and (w.value is distinct from b.value and abs(w.value - b.value) > 1e-6 * greatest(1, abs(b.value)))",
        [period]).fetchone()[0]
    return differences == 0


if __name__ == "__main__":
    main()
