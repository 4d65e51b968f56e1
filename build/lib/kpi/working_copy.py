"""The run's working copy of the warehouse (`<warehouse>.next`): copied, changed, then renamed over it.

`kpi run` and `kpi backfill` start the copy on a thread while Prefect starts (copy_ahead), under the writer
lock they hold until the run ends; the run takes that copy when the warehouse is still as it was copied,
and copies again otherwise."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from kpi.warehouse import connect

log = logging.getLogger("kpi")


@dataclass
class _Ahead:
    """A copy started on a thread: the warehouse's identity when it started, and how the copy went."""
    identity: tuple
    copied: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


_AHEAD: dict[Path, _Ahead] = {}  # warehouse -> the copy this process started of it


def working_copy_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".next")


def _wal(database: Path) -> Path:
    """The write-ahead log DuckDB keeps beside a database file."""
    return database.with_name(database.name + ".wal")


def discard_working_copy(warehouse: Path) -> None:
    """Remove what a killed run left of its working copy (the warehouse itself was never touched); a copy this
    process started ahead of its run is kept for the run."""
    if warehouse.resolve() in _AHEAD:
        return
    copy = working_copy_path(warehouse)
    for path in (copy, _wal(copy)):
        path.unlink(missing_ok=True)


def open_working_copy(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open a copy of the (closed, checkpointed) warehouse for the run to change: the one copied ahead when
    the warehouse is unchanged since, else a new one."""
    if not _take_ahead(warehouse):
        discard_working_copy(warehouse)
        if warehouse.exists():
            shutil.copyfile(warehouse, working_copy_path(warehouse))
    return connect(working_copy_path(warehouse))


def publish_working_copy(con, warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Checkpoint and close the working copy, rename it over the warehouse (atomic), reopen the warehouse.

    The file it replaces is held open across the rename and let go on a thread: freeing a 1.6 GB file's
    blocks takes the file system ~0.3 s, which the run need not wait for."""
    con.execute("checkpoint")
    con.close()
    replaced = os.open(warehouse, os.O_RDONLY) if warehouse.exists() else None
    try:
        os.replace(working_copy_path(warehouse), warehouse)
    finally:
        if replaced is not None:
            threading.Thread(target=os.close, args=(replaced,), name="kpi-free-replaced").start()
    return connect(warehouse)


@contextmanager
def copy_ahead(warehouse: Path, wanted: bool):
    """For the block (the caller holds the writer lock throughout): copy the warehouse on a thread, then flush
    the copy to disk so that the run's first commit does not wait for 1.6 GB of writes; a copy the run did not
    take is removed at the end. Nothing is copied when not wanted, when there is no warehouse yet, or when a
    write-ahead log shows it was not closed cleanly."""
    key = warehouse.resolve()
    if wanted and warehouse.exists() and not _wal(warehouse).exists():
        discard_working_copy(warehouse)
        _AHEAD[key] = ahead = _Ahead(_identity(warehouse))
        threading.Thread(target=_copy, args=(warehouse, ahead), name="kpi-working-copy", daemon=True).start()
    try:
        yield
    finally:
        ahead = _AHEAD.pop(key, None)
        if ahead is not None:  # the run ended before it took the copy
            ahead.copied.wait()
            discard_working_copy(warehouse)


def _copy(warehouse: Path, ahead: _Ahead) -> None:
    """Copy on this thread; once the copy is complete, write its pages to disk (the run needs not wait)."""
    copy = working_copy_path(warehouse)
    try:
        shutil.copyfile(warehouse, copy)
    except BaseException as e:  # the run copies again and reports what goes wrong then
        ahead.error = e
        return
    finally:
        ahead.copied.set()
    try:
        fd = os.open(copy, os.O_RDONLY)
        try:
            os.fdatasync(fd)
        finally:
            os.close(fd)
    except OSError:  # flushing early only saves time; the run's own commits flush what is left
        pass


def _take_ahead(warehouse: Path) -> bool:
    """Whether the copy started ahead is complete and the warehouse is still the file it was copied from."""
    ahead = _AHEAD.pop(warehouse.resolve(), None)
    if ahead is None:
        return False
    ahead.copied.wait()
    taken = ahead.error is None and ahead.identity == _identity(warehouse)
    log.info("event=working_copy ahead=%s", "taken" if taken else "copied again")
    return taken


def _identity(path: Path) -> tuple:
    """What changes when a file is replaced or written: device, inode, size, modification time."""
    s = path.stat()
    return s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns
