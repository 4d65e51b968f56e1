"""The benchmark script works end to end at a tiny scale, and its baseline computes the same scorecard."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_runs_at_a_tiny_scale(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/bench.py"), "--scale", "0.001", "--workdir",
                           str(tmp_path), "--json", str(out)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    results = json.loads(out.read_text())
    labels = {r["label"] for r in results["results"]}
    assert labels == {"cold run", "cold run, core sources only", "nightly increment", "no-change rerun",
                      "baseline (plain duckdb)", "bare prefect flow"}
    assert all(r["seconds"] > 0 and r["peak_mib"] > 0 for r in results["results"])
    assert results["baseline_matches"] is True
