-- The event sources whose staging table can take the new files by a merge (increments/merge_events.sql) instead of
-- a rebuild: the table exists, was built by the same staging SQL, and every file it was built from is still
-- loaded (a re-delivery supersedes a file, and only a rebuild drops the superseded rows).
-- Grain: one row per mergeable source. Inputs: meta.staged, meta.files, variable staging_sql_sha.
select s.source, s.through_file_id
from meta.staged as s
where s.sql_sha = getvariable('staging_sql_sha')
    and s.files = (
        select count(*)
        from meta.files as f
        where f.source = s.source and f.status = 'loaded' and f.file_id <= s.through_file_id
    )
    and exists (
        select 1
        from duckdb_tables() as t
        where t.database_name = current_database()
            and t.schema_name = 'staging'
            and t.table_name = 'stg_' || s.source
    )
