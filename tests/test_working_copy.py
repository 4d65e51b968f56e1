"""The run's working copy (kpi.working_copy): a copy the run changes, renamed over the warehouse at the end."""

from __future__ import annotations

import os

from conftest import fingerprint, query, run, write
from kpi.working_copy import discard_working_copy, open_working_copy, publish_working_copy, working_copy_path


def _warehouse(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    run(loc, "2024-01-31")


def test_changes_to_the_copy_reach_the_warehouse_only_when_it_is_published(loc):
    _warehouse(loc)
    before = fingerprint(loc.warehouse)
    copy = open_working_copy(loc.warehouse)
    copy.execute("insert into meta.settings values ('written in the copy', 'yes')")
    assert fingerprint(loc.warehouse) == before
    published = working_copy_path(loc.warehouse).stat().st_ino
    publish_working_copy(copy, loc.warehouse).close()
    assert os.stat(loc.warehouse).st_ino == published
    assert not working_copy_path(loc.warehouse).exists()
    assert query(loc, "select value from meta.settings where name = 'written in the copy'") == [("yes",)]


def test_a_discarded_copy_leaves_the_warehouse_as_it_was(loc):
    _warehouse(loc)
    before = fingerprint(loc.warehouse)
    copy = open_working_copy(loc.warehouse)
    copy.execute("delete from raw.donations")
    copy.close()
    discard_working_copy(loc.warehouse)
    assert not working_copy_path(loc.warehouse).exists()
    assert fingerprint(loc.warehouse) == before
