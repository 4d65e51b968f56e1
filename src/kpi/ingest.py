"""Load one new landing file: read and check it apart from the warehouse, append it to raw, record it in the manifest."""

from __future__ import annotations

import logging
import queue
import tempfile
import time
from dataclasses import dataclass, field

import duckdb

from kpi import faults, pseudonym
from kpi.checks import CheckResult, add_examples, parse_checks
from kpi.contract import DROP, REFERENCES, SOURCES
from kpi.manifest import Decision
from kpi.readers import RawFile, Unreadable, read_export
from kpi.gate import Gate
from kpi.sqlfiles import create_table_as, run_script
from kpi.warehouse import resource_config

log = logging.getLogger("kpi")


@dataclass
class FileOutcome:
    """What happened to one file in this run."""

    name: str
    source: str | None
    status: str  # loaded | rejected | duplicate | ignored
    rows: int = 0
    reason: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    file_id: int | None = None
    replaces: int | None = None

    @property
    def errors(self) -> list[CheckResult]:
        return [c for c in self.checks if c.is_error]


def scratch_connection(key: bytes) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB where a file is read and checked, so a broken file never touches the warehouse.

    One DuckDB thread: files are loaded several at a time, one per core (kpi.pipeline.ingest_files)."""
    config = {**resource_config("512MB"), "threads": 1, "temp_directory": tempfile.gettempdir()}
    con = duckdb.connect(":memory:", config=config)
    run_script(con, "macros/parse")
    pseudonym.install(con, key)
    return con


READ_ATTEMPTS, READ_PAUSE_SECONDS = 3, 1.0


def _read_with_retries(scratch, path, ext, source) -> RawFile:
    """Reading is the transient step: an operating-system error (a share briefly away) is tried again."""
    for attempt in range(1, READ_ATTEMPTS + 1):
        try:
            return read_export(scratch, path, ext, source)
        except OSError as e:
            if attempt == READ_ATTEMPTS:
                raise Unreadable(f"it could not be read after {READ_ATTEMPTS} attempts ({e.strerror or e})") from None
            log.warning("event=read_retry file=%s attempt=%d error=%r", path.name, attempt, str(e))
            time.sleep(READ_PAUSE_SECONDS)


def check_file(scratch, decision: Decision) -> tuple[RawFile | None, list[CheckResult]]:
    """Read the file into `incoming` and run the parse-level checks; (None, [error]) when it cannot be read."""
    export = decision.file.export
    source = SOURCES[export.source]
    try:
        raw = _read_with_retries(scratch, decision.file.path, export.ext, source)
    except Unreadable as e:
        return None, [CheckResult("readable", None, "error", 0, [], f"{e}; re-export the file")]
    checks = parse_checks(scratch, raw, source)
    faults.checkpoint("reading")
    for c in source.columns:  # columns the file lacks are empty, so every file has one shape
        if c.name in raw.missing and c.pii != DROP:
            scratch.execute(f"alter table incoming add column {c.name} varchar")
    return raw, checks


def content_checks(scratch, gate: Gate, decision: Decision, raw: RawFile, codes: dict[str, list[str]]) -> list[CheckResult]:
    """Run the source's expectation suite on the typed rows; name the ignored columns in their warning."""
    export = decision.file.export
    faults.checkpoint("validating")
    checks = gate.check(scratch, export.source, export.export_date, raw.row_offset, len(raw.extra), codes)
    for c in checks:
        if c.check == "extra_columns" and not c.passed:
            c.failed_rows, c.first_rows = 0, []
            c.message += f": {', '.join(raw.extra)}"
    return checks


def inspect(scratch, gate: Gate, decision: Decision, file_id: int, codes: dict[str, list[str] | None] | None):
    """Every check of one file, parse-level then the suite: (RawFile or None, checks). Leaves `typed` in scratch.

    The suite runs also when parse checks failed: a value that cannot be typed is empty in `typed`, so every
    other check still sees the rows and columns that can be read, and one pass reports every problem.
    codes: the codes in force per snapshot (kpi.gate.codes_in_force); None for a snapshot, or None for all
    (kpi validate without a warehouse): nothing to compare with."""
    raw, checks = check_file(scratch, decision)
    if raw is None:
        return raw, checks
    typed_rows(scratch, decision, raw, file_id)
    codes = with_own_codes(scratch, decision.file.export.source, codes or {})
    checks += content_checks(scratch, gate, decision, raw, codes)
    add_examples(scratch, raw, SOURCES[decision.file.export.source], checks)
    return raw, checks


def with_own_codes(scratch, source: str, codes: dict[str, list[str] | None]) -> dict[str, list[str]]:
    """The codes each reference check of this source compares with; where there is no snapshot to compare
    with, the codes the typed file names itself, so that check passes (is not made)."""
    result = {snapshot: [] for snapshot, _, _ in REFERENCES.values()}
    for (referring, column), (snapshot, _, _) in REFERENCES.items():
        if referring != source:
            continue
        result[snapshot] = codes.get(snapshot)
        if result[snapshot] is None:
            result[snapshot] = [r[0] for r in scratch.execute(
                f"select distinct {column} from typed where {column} is not null").fetchall()]
    return result


def typed_rows(scratch, decision: Decision, raw: RawFile, file_id: int) -> None:
    """Create table `typed` in scratch: the file's rows as raw.<source> will hold them."""
    export = decision.file.export
    create_table_as(scratch, "typed", f"raw/{export.source}", file_id=file_id, row_offset=raw.row_offset,
                    decimal_comma=raw.decimal_comma, export_date=export.export_date)


def append_raw(con, scratch, source: str) -> None:
    """Stream scratch's `typed` table into raw.<source> in batches, in file order: the single-threaded scratch
    keeps insertion order, so no sort is needed."""
    reader = scratch.sql("select * from typed").to_arrow_reader(batch_size=250_000)
    con.register("typed_batches", reader)
    try:
        con.execute(f"insert into raw.{source} by name select * from typed_batches")
    finally:
        con.unregister("typed_batches")


def record(con, run_id: str, decision: Decision, outcome: FileOutcome, file_id: int) -> None:
    """Write the file's manifest row and its check results to meta."""
    f, export = decision.file, decision.file.export
    con.execute(
        "insert into meta.files values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, current_timestamp)",
        [file_id, run_id, export.source if export else None, f.name, export.export_date if export else None,
         export.ext if export else None, decision.sha256, f.size, f.mtime_ns, outcome.rows, outcome.status,
         outcome.reason, outcome.replaces],
    )
    if outcome.replaces is not None and outcome.status == "loaded":
        con.execute("update meta.files set status = 'superseded', reason = 'replaced by a re-delivery (file ' "
                    "|| $1 || ')' where file_id = $2", [file_id, outcome.replaces])
    if outcome.checks:
        con.executemany("insert into meta.file_checks values (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            [file_id, c.check, c.column, c.severity, c.passed, c.failed_rows, ",".join(map(str, c.first_rows)),
             c.message, c.examples] for c in outcome.checks])


def load_file(gate: Gate, decision: Decision, file_id: int, codes: dict[str, list[str] | None], warehouse,
              scratch) -> FileOutcome:
    """Read, type and check one file in a scratch DuckDB, and append it to raw if it passes.

    warehouse is a cursor of its own on the run's working copy, so files may be loaded on several threads;
    the manifest row is written afterwards, in load order (record). The scratch is emptied first."""
    f, export = decision.file, decision.file.export
    outcome = FileOutcome(f.name, export.source if export else None, decision.action, reason=decision.reason,
                          replaces=decision.replaces, file_id=file_id)
    if decision.action == "ambiguous":
        outcome.status = "rejected"
    if decision.action != "load":
        return outcome
    clear_scratch(scratch)
    raw, outcome.checks = inspect(scratch, gate, decision, file_id, codes)
    if outcome.errors:
        outcome.status, outcome.reason = "rejected", "; ".join(c.describe() for c in outcome.errors)
        outcome.rows = raw.rows if raw else 0
        return outcome
    outcome.status, outcome.rows = "loaded", raw.rows
    if raw.notes:
        outcome.reason = "; ".join(raw.notes)
    append_raw(warehouse, scratch, outcome.source)
    return outcome


def clear_scratch(scratch) -> None:
    """Drop what the file before left in a scratch DuckDB, so each file starts from an empty one."""
    for (table,) in scratch.execute("select table_name from duckdb_tables()").fetchall():
        scratch.execute(f'drop table "{table}"')


class Appenders:
    """Cursors on the working copy that load files side by side, each in a transaction of its own.

    A thread takes a free cursor, with a scratch DuckDB of its own, for each file. Keeping the transactions
    open across files lets DuckDB write whole row groups straight to the file instead of each file through
    the write-ahead log; commit() makes what they appended visible. DuckDB runs one thread per cursor while
    loading: the files themselves are the parallel work."""

    def __init__(self, con, count: int, key: bytes) -> None:
        self.con, self.free = con, queue.SimpleQueue()
        self.threads = con.execute("select current_setting('threads')").fetchone()[0]  # restored by __exit__
        con.execute("set threads = 1")
        self.cursors = [con.cursor() for _ in range(count)]
        self.scratches = [scratch_connection(key) for _ in range(count)]
        for cursor, scratch in zip(self.cursors, self.scratches):
            cursor.execute("begin transaction")
            self.free.put((cursor, scratch))

    def load(self, gate: Gate, decision: Decision, file_id: int, codes: dict[str, list[str] | None]) -> FileOutcome:
        """load_file through a free cursor and its scratch; called on the loading threads."""
        cursor, scratch = self.free.get()
        try:
            return load_file(gate, decision, file_id, codes, cursor, scratch)
        finally:
            self.free.put((cursor, scratch))

    def commit(self) -> None:
        """Commit every cursor's appends; only while no file is loading."""
        for cursor in self.cursors:
            cursor.execute("commit")
            cursor.execute("begin transaction")

    def __enter__(self) -> Appenders:
        return self

    def __exit__(self, error_type, *_) -> None:
        try:
            for scratch in self.scratches:
                scratch.close()
            for cursor in self.cursors:
                cursor.close()  # rolls back what was not committed
            self.con.execute(f"set threads = {int(self.threads)}")
        except duckdb.Error:
            if error_type is None:  # else the run's own error is the one to report
                raise
