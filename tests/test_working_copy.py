"""The run's working copy (kpi.working_copy): copied ahead while Prefect starts, taken only if still true."""

from __future__ import annotations

import logging
import os
import stat
import threading

import duckdb

from conftest import fingerprint, query, run, write
from kpi.warehouse import writer_lock
from kpi import working_copy
from kpi.working_copy import copy_ahead, open_working_copy, publish_working_copy, working_copy_path


def _warehouse(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    run(loc, "2024-01-31")


def test_a_copy_made_ahead_is_taken_when_the_warehouse_is_unchanged(loc, caplog):
    _warehouse(loc)
    caplog.set_level(logging.INFO, logger="kpi")
    with writer_lock(loc.warehouse, "test", "run"), copy_ahead(loc.warehouse, wanted=True):
        open_working_copy(loc.warehouse).close()
    assert "event=working_copy ahead=taken" in caplog.text
    assert fingerprint(working_copy_path(loc.warehouse)) == fingerprint(loc.warehouse)


def test_a_copy_made_ahead_of_a_warehouse_changed_since_is_made_again(loc, caplog):
    _warehouse(loc)
    caplog.set_level(logging.INFO, logger="kpi")
    with writer_lock(loc.warehouse, "test", "run"), copy_ahead(loc.warehouse, wanted=True):
        working_copy._AHEAD[loc.warehouse.resolve()].copied.wait()  # the copy is complete, then the change
        con = duckdb.connect(str(loc.warehouse))
        con.execute("insert into meta.settings values ('written after the copy started', 'yes')")
        con.close()
        copy = open_working_copy(loc.warehouse)
        try:
            assert copy.execute("select value from meta.settings where name = 'written after the copy started'"
                                ).fetchall() == [("yes",)]
        finally:
            copy.close()
    assert "event=working_copy ahead=copied again" in caplog.text


def test_a_copy_the_run_did_not_take_is_removed_and_none_is_made_unless_wanted(loc):
    _warehouse(loc)
    before = fingerprint(loc.warehouse)
    with writer_lock(loc.warehouse, "test", "run"), copy_ahead(loc.warehouse, wanted=True):
        pass  # e.g. the run failed before it loaded anything
    assert not working_copy_path(loc.warehouse).exists()
    with writer_lock(loc.warehouse, "test", "run"), copy_ahead(loc.warehouse, wanted=False):
        assert not working_copy_path(loc.warehouse).exists()
    assert fingerprint(loc.warehouse) == before
    assert query(loc, "select count(*) from raw.donations") == [(1,)]


def test_publishing_puts_the_copy_in_place_and_lets_go_of_the_replaced_warehouse(loc):
    _warehouse(loc)
    replaced = os.stat(loc.warehouse).st_ino
    copy = open_working_copy(loc.warehouse)
    copy.execute("insert into meta.settings values ('written in the copy', 'yes')")
    published = working_copy_path(loc.warehouse).stat().st_ino
    publish_working_copy(copy, loc.warehouse).close()
    for thread in threading.enumerate():
        if thread.name == "kpi-free-replaced":
            thread.join()
    assert os.stat(loc.warehouse).st_ino == published != replaced
    assert query(loc, "select value from meta.settings where name = 'written in the copy'") == [("yes",)]
    assert replaced not in _open_file_inodes()  # the replaced file is closed, so the file system frees it


def _open_file_inodes() -> set[int]:
    """The inodes of the regular files this process holds open."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            st = os.fstat(int(fd))
        except OSError:  # the descriptor listdir itself used, closed by now
            continue
        if stat.S_ISREG(st.st_mode):
            inodes.add(st.st_ino)
    return inodes
