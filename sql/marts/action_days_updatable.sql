-- Whether marts.fct_action_days can be updated (sql/marts/fct_action_days_update.sql) instead of counted from
-- every action: the table exists, was counted by the same SQL ($sha, the version recorded in meta.settings)
-- and this build merged the new actions files into staging after file $merged_after (0 when it rebuilt
-- staging.stg_actions). Returns the file_id the table already reflects, 0 when it must be counted again.
-- Grain: one row. Inputs: meta.settings, duckdb_tables().
select
    case
        when coalesce((select max(value) from meta.settings where name = 'action_days_sql') = $sha, false)
            and exists (
                select 1
                from duckdb_tables() as t
                where t.database_name = current_database()
                    and t.schema_name = 'marts'
                    and t.table_name = 'fct_action_days'
            )
            then $merged_after
        else 0
    end as action_days_through;
