-- stg_cost_centers: the latest cost_centers snapshot, the truth for every period (older snapshots stay in raw for audit).
-- Grain: one row per cost center and category. Inputs: raw.cost_centers, staging.stg_files.
create or replace table staging.stg_cost_centers as
with latest as (
    select file_id, export_date
    from staging.stg_files
    where source = 'cost_centers' and recency = 1
),

file_rows as (
    select r.*, latest.export_date
    from raw.cost_centers as r
    inner join latest using (file_id)
)

select * from file_rows;
