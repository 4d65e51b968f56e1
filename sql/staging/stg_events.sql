-- stg_{source} (a template for the event sources actions, donations, spending): every record in force; when
-- an id arrives again, the file with the later export date wins (a correction), whatever the order in which
-- the files arrived. Between full builds new files are merged in (sql/increments/merge_events.sql).
-- Grain: one row per {key}. Inputs: raw.{source}, staging.stg_files.
create or replace table staging.stg_{source} as
with file_rows as (
    select r.*, f.export_date
    from raw.{source} as r
    inner join staging.stg_files as f using (file_id)
),

latest_per_id as (
    select *
    from file_rows
    qualify row_number() over (partition by {key} order by export_date desc, file_id desc) = 1
)

select * from latest_per_id;
