-- Whether marts.dim_person and marts.fct_role_periods can be updated for the persons whose inputs changed
-- (kpi.persons) instead of built for every person: they were built by the same SQL ($sha, which
-- sql/marts/record_sql_version.sql recorded as persons_sql) and the snapshot files they were built from
-- (sql/marts/record_person_files.sql) still have their rows in raw. Also returns those two files. Asked only
-- when the movement cells are updated, which already requires both tables (sql/marts/movement_updatable.sql).
-- Grain: one row. Inputs: meta.settings, raw.members, raw.activists.
with recorded as (
    select
        max(value) filter (where name = 'persons_sql') as sql_version,
        max(try_cast(value as bigint)) filter (where name = 'persons_members_file') as members_file,
        max(try_cast(value as bigint)) filter (where name = 'persons_activists_file') as activists_file
    from meta.settings
)

select
    coalesce(r.sql_version = $sha, false)
        and exists (select 1 from raw.members as m where m.file_id = r.members_file)
        and exists (select 1 from raw.activists as a where a.file_id = r.activists_file) as updatable,
    r.members_file,
    r.activists_file
from recorded as r;
