-- Whether the movement's marts (action days, persons, role periods, movement cells) can be updated for the
-- persons whose inputs changed (kpi.movement_marts) instead of built from every person: they were built by the
-- same SQL ($sha, recorded as movement_sql by sql/increments/record_movement_state.sql), the four tables exist,
-- this build merged the new actions files into staging (after file $actions_merged_after; 0 when it rebuilt
-- staging.stg_actions) and the snapshot files the build before read still have their rows in raw.
-- Also returns those two files (NULL where the build before read none).
-- Grain: one row. Inputs: meta.settings, duckdb_tables(), raw.members, raw.activists.
with recorded as (
    select
        max(value) filter (where name = 'movement_sql') as sql_version,
        max(try_cast(value as bigint)) filter (where name = 'movement_members_file') as members_file,
        max(try_cast(value as bigint)) filter (where name = 'movement_activists_file') as activists_file
    from meta.settings
),

marts_present as (
    select count(*) = 4 as present
    from duckdb_tables() as t
    where t.database_name = current_database()
        and t.schema_name = 'marts'
        and t.table_name in ('movement_cells', 'dim_person', 'fct_role_periods', 'fct_action_days')
)

select
    coalesce(r.sql_version = $sha, false)
        and m.present
        and $actions_merged_after > 0
        and (r.members_file is null or exists (select 1 from raw.members where file_id = r.members_file))
        and (r.activists_file is null or exists (select 1 from raw.activists where file_id = r.activists_file))
        as updatable,
    r.members_file,
    r.activists_file
from recorded as r, marts_present as m;
