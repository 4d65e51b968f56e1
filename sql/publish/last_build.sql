-- The last run that built the models and outputs, to tell whether this run may leave them as they are.
-- Grain: at most one row. Input: meta.runs.
select run_id, as_of, first_period, targets_sha
from meta.runs
where built and status <> 'failed'
order by started_at desc
limit 1
