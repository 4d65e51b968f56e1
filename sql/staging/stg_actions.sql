-- stg_actions: every actions record in force; when an id arrives again, the file with the later
-- export date wins (a correction), whatever the order in which the files arrived.
-- Grain: one row per participation_id. Inputs: raw.actions, staging.stg_files.
create or replace table staging.stg_actions as
with file_rows as (
    select r.*, f.export_date
    from raw.actions as r
    inner join staging.stg_files as f using (file_id)
),

latest_per_id as (
    select *
    from file_rows
    qualify row_number() over (partition by participation_id order by export_date desc, file_id desc) = 1
)

select * from latest_per_id;
