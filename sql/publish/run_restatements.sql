-- The published values one run changed. Grain: one row per restated (period_end, kpi_id).
-- Input: kpi.restatements. Parameter: run_id.
select period_end::varchar as period_end, kpi_id, old_value, new_value
from kpi.restatements
where run_id = $run_id
order by period_end, kpi_id
