"""Time the validation gate (the Great Expectations suites) over every file of a landing folder.

    .venv/bin/python benchmarks/validation.py bench-data/scale-1.0/landing

Each file is read and typed as in a run (not timed), then its suite runs (timed). Prints the seconds per
million rows per source and in all. Nothing is written.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from kpi.gate import Gate
from kpi.ingest import check_file, own_cost_centers, scratch_connection, typed_rows
from kpi.landing import scan
from kpi.manifest import Decision


def main(landing: Path) -> None:
    gate, seconds, rows = Gate(), defaultdict(float), defaultdict(int)
    gate._suites  # load the suites before timing
    for f in scan(landing):
        if f.export is None:
            continue
        decision = Decision(f, "", "load")
        scratch = scratch_connection(b"benchmark")
        raw, checks = check_file(scratch, decision)
        if raw is None or any(c.is_error for c in checks):
            continue
        typed_rows(scratch, decision, raw, 0)
        # the cost centers in force, as for a file that passes (the sample's ledger lines all have a known one)
        centers = own_cost_centers(scratch, f.export.source)
        started = time.perf_counter()
        gate.check(scratch, f.export.source, f.export.export_date, raw.row_offset, len(raw.extra), centers)
        seconds[f.export.source] += time.perf_counter() - started
        rows[f.export.source] += raw.rows
        scratch.close()
    for source in sorted(seconds):
        print(f"{source:<14} {rows[source]:>11,} rows {seconds[source]:7.1f} s "
              f"{seconds[source] / max(rows[source], 1) * 1e6:6.2f} s per million rows")
    total_s, total_rows = sum(seconds.values()), sum(rows.values())
    print(f"{'all':<14} {total_rows:>11,} rows {total_s:7.1f} s {total_s / total_rows * 1e6:6.2f} s per million rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
