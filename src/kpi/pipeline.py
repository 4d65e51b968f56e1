"""The steps of one run (open, plan, ingest, build, publish, commit) as plain functions the flows call."""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kpi import faults, models, outputs, pseudonym
from kpi import targets as targets_file
from kpi.contract import LOAD_ORDER, REFERENCED, REFERRING
from kpi.errors import UsageError
from kpi.gate import Gate, codes_in_force
from kpi.labels import Labels
from kpi.ingest import Appenders, FileOutcome, record
from kpi.landing import scan
from kpi.manifest import Decision, known_files, plan
from kpi.paths import Locations
from kpi.sqlfiles import query, records, run_script
from kpi.warehouse import connect, write_status_snapshot, writer_lock
from kpi.working_copy import discard_working_copy, open_working_copy, publish_working_copy

log = logging.getLogger("kpi")


@dataclass
class Run:
    """One run's state: its id, the open warehouse transaction and what happened to each file."""

    run_id: str
    command: str
    as_of: date
    first_period: date | None
    loc: Locations
    con: object
    key: bytes
    targets: targets_file.Targets
    started_at: datetime
    outcomes: list[FileOutcome] = field(default_factory=list)
    staged_outputs: list[tuple[Path, Path]] = field(default_factory=list)
    gate: Gate = field(default_factory=Gate)
    built: bool = False
    models: dict = field(default_factory=dict)  # how the incremental models were built (kpi.models.build)
    working: bool = False  # changing the working copy, not the warehouse itself
    planned: int = 0
    language: str = field(default_factory=lambda: os.environ.get("KPI_LANGUAGE", "nl"))

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def rejected(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def new_run_id() -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def check_locations(loc: Locations) -> None:
    """Check the folders a run needs; raise a UsageError naming the fix."""
    if not loc.landing.is_dir():
        raise UsageError(f"The landing folder {loc.landing} does not exist; create it, pass --landing, "
                         "or run 'kpi demo' for a sample.")
    if loc.warehouse.is_dir():
        raise UsageError(f"--warehouse {loc.warehouse} is a folder; pass a file name such as {loc.warehouse}/warehouse.duckdb.")
    if loc.out.exists() and not loc.out.is_dir():
        raise UsageError(f"--out {loc.out} is a file; pass a folder for the outputs.")


@contextmanager
def open_run(loc: Locations, command: str, as_of: date, first_period: date | None = None, wait: bool = False):
    """Lock the warehouse and open a transaction on it; on any failure roll back and record the failed run.

    A run that loads or builds anything switches to a working copy (use_working_copy), renamed over the
    warehouse only when it finishes; a failed run discards the copy, so the warehouse is as it was."""
    run_id = new_run_id()
    check_locations(loc)
    targets = targets_file.load(loc.targets)
    with writer_lock(loc.warehouse, run_id, command, wait=wait):
        discard_working_copy(loc.warehouse)
        con = connect(loc.warehouse)
        run = None
        try:
            key = pseudonym.load_key(loc.warehouse)
            con.execute("begin transaction")
            _check_key(con, key)
            run = Run(run_id, command, as_of, first_period, loc, con, key, targets, datetime.now())
            yield run
        except BaseException as e:
            _abort(con, run_id, command, as_of, e, run)
            raise
        finally:
            (run.con if run else con).close()


def use_working_copy(run: Run) -> None:
    """From here on change a copy of the warehouse: building in it needs no transaction around the models,
    which makes the build about a third faster, and the warehouse stays untouched until finish()."""
    if run.working:
        return
    run.con.execute("rollback")
    run.con.close()
    try:
        run.con = open_working_copy(run.loc.warehouse)
    except BaseException:  # e.g. no room for the copy: reopen the warehouse so the failure can be recorded
        discard_working_copy(run.loc.warehouse)
        run.con = connect(run.loc.warehouse)
        raise
    run.working = True
    run.con.execute("begin transaction")
    _check_key(run.con, run.key)


def _check_key(con, key: bytes) -> None:
    """The warehouse remembers which key pseudonymised it; another key would split every person in two."""
    fp = pseudonym.fingerprint(key)
    row = con.execute("select value from meta.settings where name = 'pseudonym_key_fingerprint'").fetchone()
    if row is None:
        con.execute("insert into meta.settings values ('pseudonym_key_fingerprint', $1)", [fp])
    elif row[0] != fp:
        raise UsageError("The pseudonym key differs from the one this warehouse was built with; restore "
                         f"${pseudonym.KEY_ENV} or the key file it was built with.")


def _abort(con, run_id, command, as_of, error, run) -> None:
    if run is not None:
        if run.working:  # the warehouse was never touched: drop the copy, record the failure
            run.con.close()
            discard_working_copy(run.loc.warehouse)
            run.working = False
            try:
                run.con = connect(run.loc.warehouse)
            except Exception:
                log.warning("could not record the failed run %s", run_id)
                return
        con = run.con
    try:
        con.execute("rollback")
    except Exception:
        pass
    if run:
        outputs.discard(run.staged_outputs)
    message = str(error).splitlines()[0][:500] if str(error) else type(error).__name__
    try:
        run_script(con, "publish/record_run", run_id=run_id, command=command, as_of=as_of,
                   started_at=run.started_at if run else datetime.now(), finished_at=datetime.now(),
                   status="failed", files_loaded=0,
                   files_rejected=0, files_skipped=0, message=message, first_period=None, targets_sha=None,
                   built=False)
    except Exception:
        log.warning("could not record the failed run %s", run_id)


def plan_files(run: Run) -> list[Decision]:
    """Scan the landing folder and decide what to do with every file not seen before."""
    decisions = plan(scan(run.loc.landing), known_files(run.con))
    run.planned = len(decisions)
    log.info("event=landing_scanned run=%s new_files=%d", run.run_id, len(decisions))
    for d in decisions:
        if d.action in ("ignored", "duplicate"):
            log.warning("event=file_%s file=%s reason=%r", d.action, d.file.name, d.reason)
    return decisions


def add_outcome(run: Run, outcome: FileOutcome) -> None:
    """Add one file's outcome to the run and log it with the run's progress."""
    run.outcomes.append(outcome)
    progress = f"{len(run.outcomes)}/{run.planned}"
    if outcome.status == "rejected":
        log.error("event=file_rejected progress=%s file=%s reason=%r", progress, outcome.name, outcome.reason)
    elif outcome.status == "loaded":
        log.info("event=file_loaded progress=%s file=%s rows=%d replaces=%s", progress, outcome.name, outcome.rows,
                 outcome.replaces)


def up_to_date(run: Run) -> bool:
    """A nightly run that found nothing new, with the last build's as-of, periods and targets, and its outputs."""
    if run.command != "run" or run.outcomes:
        return False
    last = query(run.con, "publish/last_build").fetchall()
    if not last:
        return False
    _, as_of, first_period, targets_sha = last[0]
    first = run.first_period or run.targets.first_period()
    return (as_of, first_period, targets_sha) == (run.as_of, first, run.targets.sha) and \
        all((run.loc.out / name).exists() for name in outputs.NAMES)


LOAD_THREADS = int(os.environ.get("KPI_LOAD_THREADS", min(os.cpu_count() or 2, 4)))


def ingest_files(run: Run, decisions: list[Decision]) -> list[FileOutcome]:
    """Load or reject every new file, several at a time, and write their manifest rows in load order.

    Each file is read, typed, checked and appended to raw on a thread (kpi.ingest.load_file), through one of
    the working copy's cursors. A file that is checked against snapshots in force (spending against the cost
    centers and accounts, donations against the portfolios) waits until the snapshot files before it are loaded."""
    if not decisions:
        return run.outcomes
    use_working_copy(run)
    run.con.execute("commit")  # the appends commit through their cursors; a failed run discards the copy
    first_id = run.con.execute("select coalesce(max(file_id), 0) + 1 from meta.files").fetchone()[0]
    pending: deque = deque()  # (decision, future of its outcome), in load order
    codes: dict | None = None  # the snapshots' codes in force, read again after a referenced snapshot loads

    def record_next() -> None:
        decision, future = pending.popleft()
        outcome = future.result()
        record(run.con, run.run_id, decision, outcome, outcome.file_id)
        add_outcome(run, outcome)

    with Appenders(run.con, LOAD_THREADS, run.key) as appenders, \
            ThreadPoolExecutor(max_workers=LOAD_THREADS, thread_name_prefix="kpi-load") as pool:
        try:
            for i, d in enumerate(decisions):
                source = d.file.export.source if d.file.export else None
                if source in REFERENCED:
                    codes = None
                if source in REFERRING and codes is None:
                    while pending:
                        record_next()
                    appenders.commit()
                    codes = codes_in_force(run.con)
                pending.append((d, pool.submit(appenders.load, run.gate, d, first_id + i, codes or {})))
                if len(pending) > LOAD_THREADS:
                    record_next()
            while pending:
                record_next()
            appenders.commit()
        finally:
            for _, future in pending:  # a failed run: let the other threads stop before the copy is discarded
                future.cancel() or future.exception()
    run.con.execute("begin transaction")
    return run.outcomes


def build_models(run: Run) -> None:
    """Rebuild staging, marts and KPIs, reconcile, and replace the scorecard rows of the touched periods."""
    if up_to_date(run):
        log.info("event=build_skipped as_of=%s reason='nothing new since the last build'", run.as_of)
        run.first_period = run.first_period or run.targets.first_period()
        return
    use_working_copy(run)
    run.con.execute("commit")  # the models are built on the copy outside a transaction (see use_working_copy)
    run.first_period, run.models = models.build(run.con, run.targets, run.run_id, run.as_of, run.first_period)
    run.con.execute("begin transaction")
    run.built = True


def stage_outputs(run: Run) -> None:
    """Write the board outputs under temporary names; they replace the old ones only after the commit."""
    if not run.built:
        return
    outputs.prepare(run.loc.out)
    run.staged_outputs += outputs.write_scorecard(run.con, run.loc.out, run.run_id)
    run.staged_outputs += outputs.write_validation_report(run.con, run.loc.out, run.run_id)
    run.staged_outputs += outputs.write_board_outputs(run.con, run.loc.out, run.run_id, board_as_of(run),
                                                      run.targets.movement_target_date, Labels(run.language))
    faults.checkpoint("publishing")


def board_as_of(run: Run) -> date:
    """The period the board's files show: the latest the scorecard holds (a backfill of older periods leaves
    the board on the latest as-of), or the run's as-of when the scorecard is empty."""
    return query(run.con, "publish/board_as_of").fetchone()[0] or run.as_of


def swap_outputs(run: Run) -> None:
    outputs.swap(run.staged_outputs)


def files_by_source(outcomes: list[FileOutcome]) -> list[dict]:
    """Per source with files in this run, in load order: how many were loaded, rejected and skipped."""
    counts = {source: {"source": source, "loaded": 0, "rejected": 0, "skipped": 0} for source in LOAD_ORDER}
    for o in outcomes:
        if o.source in counts:
            counts[o.source][{"loaded": "loaded", "rejected": "rejected"}.get(o.status, "skipped")] += 1
    return [c for c in counts.values() if c["loaded"] + c["rejected"] + c["skipped"]]


def finish(run: Run) -> dict:
    """Record the run and commit; returns its summary."""
    status = "rejected_files" if run.rejected else "ok"
    shown = board_as_of(run)
    summary = {
        "run_id": run.run_id, "command": run.command, "as_of": run.as_of.isoformat(), "status": status,
        "files_loaded": run.count("loaded"), "files_rejected": run.count("rejected"),
        "files_skipped": run.count("duplicate") + run.count("ignored"),
        "rejected": [{"file": o.name, "reason": o.reason} for o in run.rejected],
        "failed_checks": [{"file": o.name, "check": c.check, "column": c.column, "severity": c.severity,
                           "failed_rows": c.failed_rows, "first_rows": c.first_rows, "examples": c.examples}
                          for o in run.outcomes for c in o.checks if not c.passed],
        "periods": [r[0].isoformat() for r in query(run.con, "publish/run_periods").fetchall()] if run.built else [],
        "board_as_of": shown.isoformat(),
        "headline": records(run.con, "publish/headline", as_of=shown),
        "restatements": records(run.con, "publish/run_restatements", run_id=run.run_id),
        "warehouse": str(run.loc.warehouse), "out": str(run.loc.out),
        "validation_seconds": round(run.gate.seconds, 3), "models": run.models,
        "rows_loaded": sum(o.rows for o in run.outcomes if o.status == "loaded"),
        "sources": files_by_source(run.outcomes),
    }
    run_script(run.con, "publish/record_run", run_id=run.run_id, command=run.command, as_of=run.as_of,
               started_at=run.started_at, finished_at=datetime.now(), status=status,
               files_loaded=summary["files_loaded"],
               files_rejected=summary["files_rejected"], files_skipped=summary["files_skipped"],
               message="; ".join(f"{r['file']}: {r['reason']}" for r in summary["rejected"])[:2000] or None,
               first_period=run.first_period, targets_sha=run.targets.sha, built=run.built)
    run.con.execute("commit")
    if run.working:
        run.con, run.working = publish_working_copy(run.con, run.loc.warehouse), False
    write_status_snapshot(run.con, run.loc.warehouse)
    return summary


def execute(loc: Locations, command: str, as_of: date, first_period: date | None = None, wait: bool = False) -> dict:
    """One whole run without Prefect (the flows run the same steps as tasks)."""
    with open_run(loc, command, as_of, first_period, wait=wait) as run:
        ingest_files(run, plan_files(run))
        build_models(run)
        stage_outputs(run)
        summary = finish(run)
    swap_outputs(run)
    return summary
