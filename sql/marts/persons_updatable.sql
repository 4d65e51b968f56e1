-- Whether marts.dim_person and marts.fct_role_periods can be updated for the persons whose inputs changed
-- (kpi.persons) instead of built for every person: they exist, were built by the same SQL ($sha, which
-- sql/marts/record_sql_version.sql recorded as persons_sql) and the snapshot files they were built from
-- (sql/marts/record_person_files.sql) still have their rows in raw. Also returns those two files.
-- Grain: one row. Inputs: meta.settings, raw.members, raw.activists, duckdb_tables().
with recorded as (
    select
        max(value) filter (where name = 'persons_sql') as sql_version,
        max(try_cast(value as bigint)) filter (where name = 'persons_members_file') as members_file,
        max(try_cast(value as bigint)) filter (where name = 'persons_activists_file') as activists_file
    from meta.settings
),

tables as (
    select count(*) as found
    from duckdb_tables() as t
    where t.database_name = current_database()
        and t.schema_name = 'marts'
        and t.table_name in ('dim_person', 'fct_role_periods')
)

select
    coalesce(r.sql_version = $sha, false)
        and t.found = 2
        and exists (select 1 from raw.members as m where m.file_id = r.members_file)
        and exists (select 1 from raw.activists as a where a.file_id = r.activists_file) as updatable,
    r.members_file,
    r.activists_file
from recorded as r, tables as t;
