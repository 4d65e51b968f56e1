"""The run's working copy of the warehouse (`<warehouse>.next`): copied, changed, then renamed over it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from kpi.warehouse import connect


def working_copy_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".next")


def discard_working_copy(warehouse: Path) -> None:
    """Remove what a failed or killed run left of its working copy (the warehouse itself was never touched)."""
    copy = working_copy_path(warehouse)
    for path in (copy, copy.with_name(copy.name + ".wal")):  # DuckDB's write-ahead log beside the file
        path.unlink(missing_ok=True)


def open_working_copy(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Copy the (closed, checkpointed) warehouse and open the copy for the run to change."""
    discard_working_copy(warehouse)
    if warehouse.exists():
        shutil.copyfile(warehouse, working_copy_path(warehouse))
    return connect(working_copy_path(warehouse))


def publish_working_copy(con, warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Checkpoint and close the working copy, rename it over the warehouse (atomic), reopen the warehouse."""
    con.execute("checkpoint")
    con.close()
    os.replace(working_copy_path(warehouse), warehouse)
    return connect(warehouse)
