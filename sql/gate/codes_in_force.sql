-- codes_in_force (a template for the snapshots whose codes other files are checked against: cost_centers,
-- accounts, portfolios; kpi.contract.REFERENCES): the codes of the current {snapshot} snapshot (the latest
-- loaded file, this run's included), and whether any {snapshot} file was ever loaded.
-- Grain: one row. Inputs: meta.files, raw.{snapshot}.
with latest as (
    select file_id
    from meta.files
    where source = '{snapshot}' and status = 'loaded'
    order by export_date desc, file_id desc
    limit 1
)

select
    (select count(*) from latest) > 0 as loaded,
    coalesce(list(distinct {column} order by {column}) filter (where {column} is not null), []) as codes
from raw.{snapshot}
where file_id = (select file_id from latest)
