-- stg_{source} (a template for the snapshot sources members, activists, cost_centers): the latest snapshot,
-- the truth for every period (older snapshots stay in raw for audit). A view: the rows of one raw file, which
-- a table would copy again every night.
-- Grain: one row per row of the latest file. Inputs: raw.{source}, staging.stg_files.
create or replace view staging.stg_{source} as
with latest as (
    select file_id, export_date
    from staging.stg_files
    where source = '{source}' and recency = 1
),

file_rows as (
    select r.*, latest.export_date
    from raw.{source} as r
    inner join latest using (file_id)
)

select * from file_rows;
