"""The DuckDB warehouse: one writer at a time (a lock file), schema set-up, read-only access."""

from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from kpi.errors import UsageError, WarehouseLocked
from kpi.sqlfiles import run_script


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def writer_lock(warehouse: Path, run_id: str, command: str, wait: bool = False):
    """Hold the warehouse's writer lock for the block; raise WarehouseLocked (or wait) when another run has it."""
    check_writable(warehouse)
    fd = os.open(lock_path(warehouse), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    raise _locked(warehouse) from None
                time.sleep(1)
        _write_holder(fd, run_id, command)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_holder(fd: int, run_id: str, command: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps({"run_id": run_id, "command": command, "pid": os.getpid(),
                              "started_at": datetime.now().isoformat(timespec="seconds")}).encode(), 0)


def probe_lock(warehouse: Path) -> None:
    """Fail fast with WarehouseLocked when another run holds the lock now (the real lock is taken later)."""
    path = lock_path(warehouse)
    if not path.exists():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        raise _locked(warehouse) from None
    finally:
        os.close(fd)


def _locked(warehouse: Path) -> WarehouseLocked:
    return WarehouseLocked(f"{holder(warehouse)} holds the warehouse {warehouse}; "
                           "wait for it to finish or pass --wait.")


def holder(warehouse: Path) -> str:
    """A phrase naming the run that holds the lock, read from the lock file."""
    try:
        info = json.loads(lock_path(warehouse).read_text() or "{}")
        return (f"Another run ({info['run_id']}, 'kpi {info['command']}', pid {info['pid']}, "
                f"started {info['started_at']})")
    except (OSError, ValueError, KeyError):
        return "Another run"


def check_writable(warehouse: Path) -> None:
    """Make sure the warehouse's folder exists and the warehouse can be written; UsageError otherwise."""
    try:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"Cannot create the warehouse folder {warehouse.parent} ({e.strerror}); "
                         "choose a writable path with --warehouse.") from None
    if not os.access(warehouse.parent, os.W_OK) or (warehouse.exists() and not os.access(warehouse, os.W_OK)):
        raise UsageError(f"The warehouse {warehouse} is not writable; choose a writable path with --warehouse.")


def resource_config(memory_limit: str | None = None) -> dict:
    """DuckDB's memory cap (KPI_MEMORY_LIMIT, default 1300MB; beyond it DuckDB spills to disk) and threads."""
    return {"memory_limit": memory_limit or os.environ.get("KPI_MEMORY_LIMIT", "1300MB"),
            "threads": int(os.environ.get("KPI_THREADS", os.cpu_count() or 2))}


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing and make sure every schema and meta table exists."""
    try:
        con = duckdb.connect(str(warehouse), config=resource_config())
    except duckdb.IOException as e:
        if "lock" in str(e).lower():
            raise WarehouseLocked(f"Another process has the warehouse {warehouse} open; "
                                  "wait for it to finish.") from None
        raise UsageError(f"Cannot open the warehouse {warehouse} ({str(e).splitlines()[0]}); "
                         "check the path or restore the file from backup.") from None
    except duckdb.Error as e:
        raise UsageError(f"The file {warehouse} is not a DuckDB warehouse this version can open "
                         f"({str(e).splitlines()[0]}); pass another --warehouse.") from None
    run_script(con, "schema/warehouse")
    return con


def connect_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only (kpi validate). A reader that must never block a run uses the snapshot."""
    if not warehouse.exists():
        raise UsageError(f"There is no warehouse at {warehouse} yet; run 'kpi run' first or pass --warehouse.")
    try:
        return duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as e:
        raise WarehouseLocked(f"The warehouse {warehouse} cannot be read right now ({str(e).splitlines()[0]}); "
                              "try again when the running job has finished.") from None


def snapshot_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".status.duckdb")


def write_status_snapshot(con, warehouse: Path) -> None:
    """Copy the meta tables to the status snapshot beside the warehouse, replacing it atomically."""
    final = snapshot_path(warehouse)
    tmp = final.with_name(final.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con.execute(f"attach '{tmp}' as snap")
    try:
        run_script(con, "publish/status_snapshot")
    finally:
        con.execute("detach snap")
    os.replace(tmp, final)


def connect_status(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the status snapshot read-only: never the live warehouse, so a reader cannot block a run."""
    path = snapshot_path(warehouse)
    if not path.exists():
        raise UsageError(f"There is no warehouse status at {path} yet; run 'kpi run' first or pass --warehouse.")
    return duckdb.connect(str(path), read_only=True)


def table_names(con, schemas=("raw", "staging", "marts", "kpi", "meta")) -> list[str]:
    """Every table of the warehouse's own schemas, as schema.table."""
    rows = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where database_name = current_database() and schema_name in (select unnest($s)) order by 1",
        {"s": list(schemas)},
    ).fetchall()
    return [r[0] for r in rows]
