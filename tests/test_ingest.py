"""kpi.ingest.Appenders: loading cursors write complete row groups as they go, and leave DuckDB's settings as found."""

from __future__ import annotations

from kpi.ingest import Appenders
from kpi.warehouse import connect

ROWS = 400_000  # three complete row groups of 122,880 rows and a partial one, like a nightly snapshot


def _settings(con) -> tuple:
    return con.execute("select current_setting('threads'), current_setting('write_buffer_row_group_count')").fetchone()


def test_appended_row_groups_reach_the_file_before_the_commit_and_settings_are_restored(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    con = connect(warehouse)
    con.execute("create table raw.probe (i bigint, s varchar)")
    con.execute("checkpoint")
    con.execute("set threads = 3")
    con.execute("set write_buffer_row_group_count = 7")
    empty = warehouse.stat().st_size
    with Appenders(con, 1, b"test-key") as appenders:
        assert _settings(con) == (1, 1)
        cursor, scratch = appenders.free.get()
        cursor.execute(f"insert into raw.probe select i, md5(i::varchar) from range({ROWS}) as t(i)")
        before_commit = warehouse.stat().st_size
        appenders.free.put((cursor, scratch))
        appenders.commit()
    assert before_commit - empty > 2_000_000  # written by the loading cursor, not left for the commit
    assert con.execute("select count(*) from raw.probe").fetchone()[0] == ROWS
    assert _settings(con) == (3, 7)
