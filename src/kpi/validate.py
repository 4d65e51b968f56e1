"""`kpi validate`: run the load-time checks on one file without writing anything."""

from __future__ import annotations

from pathlib import Path

from kpi.contract import REFERRING, SOURCES, ExportName, parse_file_name
from kpi.dates import today_amsterdam
from kpi.errors import EXIT_OK, EXIT_REJECTED, UsageError
from kpi.gate import Gate, codes_in_force
from kpi.ingest import inspect, scratch_connection
from kpi.warehouse import connect_read_only
from kpi.landing import LandingFile
from kpi.manifest import Decision


def current_codes(warehouse: Path) -> dict[str, list[str] | None]:
    """The codes of the snapshots in force (kpi.gate.codes_in_force), read-only; {} when there is no warehouse."""
    if not warehouse.exists():
        return {}
    con = connect_read_only(warehouse)
    try:
        return codes_in_force(con)
    finally:
        con.close()


def validate_file(source: str, path: Path, warehouse: Path) -> int:
    """Print one line per failed check; 0 when the file would load, 1 when it would be rejected."""
    if source not in SOURCES:
        raise UsageError(f"--source must be one of {', '.join(SOURCES)}, not '{source}'.")
    if not path.is_file():
        raise UsageError(f"There is no file at {path}; check the path.")
    ext = path.suffix.lower().lstrip(".")
    if ext not in ("csv", "xlsx", "parquet"):
        raise UsageError(f"{path.name} is not a .csv, .xlsx or .parquet file; export it in one of those formats.")
    export = parse_file_name(source, path.name)
    if export is None:
        export = ExportName(source, today_amsterdam(), ext)
        print(f"note: {path.name} does not follow {source}_YYYYMMDD.{ext}; the export date is taken as {export.export_date}")
    stat = path.stat()
    decision = Decision(LandingFile(path, path.name, stat.st_size, stat.st_mtime_ns, export), "", "load")
    codes = current_codes(warehouse) if source in REFERRING else {}
    if source in REFERRING and not codes:
        print(f"note: no warehouse at {warehouse}; codes are not checked against the current snapshots")
    scratch = scratch_connection(b"validate-only")  # nothing is stored, so any key will do
    try:
        raw, checks = inspect(scratch, Gate(), decision, 0, codes)
    finally:
        scratch.close()
    failed = [c for c in checks if not c.passed]
    for c in failed:
        print(f"{path.name}: {c.describe()}")
    errors = [c for c in failed if c.is_error]
    rows = f"{raw.rows} rows, " if raw else ""
    print(f"{path.name}: {rows}{len(errors)} error(s), {len(failed) - len(errors)} warning(s): "
          f"{'would be rejected' if errors else 'would load'}")
    return EXIT_REJECTED if errors else EXIT_OK
