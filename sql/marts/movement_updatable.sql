-- Whether marts.movement_cells can be updated from the changed persons (kpi.movement_cells) instead of
-- counted from scratch: the cells exist, were counted by the same SQL ($sha, the version of it that
-- sql/marts/record_sql_version.sql recorded in meta.settings) and the marts they were counted from are
-- still there.
-- Grain: one row, one boolean. Inputs: meta.settings, duckdb_tables().
select
    coalesce((
        select max(value) from meta.settings where name = 'movement_cells_sql'
    ) = $sha, false)
    and (
        select count(*)
        from duckdb_tables() as t
        where t.database_name = current_database()
            and t.schema_name = 'marts'
            and t.table_name in ('movement_cells', 'dim_person', 'fct_role_periods', 'fct_action_days')
    ) = 4 as updatable;
