-- The cost centers of the current cost_centers snapshot (the latest loaded file, this run's included).
-- Grain: one row per cost center. Inputs: meta.files, raw.cost_centers.
with latest as (
    select file_id
    from meta.files
    where source = 'cost_centers' and status = 'loaded'
    order by export_date desc, file_id desc
    limit 1
)

select distinct cost_center
from raw.cost_centers
where file_id = (select file_id from latest)
order by cost_center
