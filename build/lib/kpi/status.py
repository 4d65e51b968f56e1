"""`kpi status`: recent runs, loaded and rejected files, and freshness per source, read-only."""

from __future__ import annotations

from kpi.paths import Locations
from kpi.sqlfiles import sql
from kpi.errors import WarehouseLocked
from kpi.warehouse import connect_status, holder, probe_lock


def table(rows: list[tuple], headers: list[str]) -> str:
    """A plain text table with aligned columns."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def print_status(loc: Locations) -> None:
    """Print the status snapshot's tables; say so when a run holds the warehouse right now."""
    try:
        probe_lock(loc.warehouse)
    except WarehouseLocked:
        print(f"A run is in progress: {holder(loc.warehouse)}. Showing the state after the last finished run.")
    con = connect_status(loc.warehouse)
    try:
        for title, name in (("Recent runs", "status/recent_runs"), ("Freshness per source", "status/freshness"),
                            ("Sources", "status/sources"),
                            ("Rejected and skipped files", "status/problem_files"),
                            ("Failed checks", "status/failed_checks")):
            rel = con.execute(sql(name))
            headers = [d[0] for d in rel.description]
            rows = rel.fetchall()
            print(f"\n{title}\n" + (table(rows, headers) if rows else "(none)"))
    finally:
        con.close()
