-- stg_files: the files whose rows are in force — every loaded (not superseded) file, with its rank.
-- Grain: one row per loaded file. Input: meta.files.
-- recency = 1 marks a snapshot source's latest export (the truth for snapshot sources).
create or replace table staging.stg_files as
with loaded as (
    select file_id, source, file_name, export_date
    from meta.files
    where status = 'loaded'
),

ranked as (
    select
        *,
        row_number() over (partition by source order by export_date desc, file_id desc) as recency
    from loaded
)

select * from ranked;
