-- The periods this run recomputed (first period .. as-of), for the run summary.
-- Grain: one row per period_end. Inputs: marts.periods, variables run_first_period, run_as_of.
select period_end
from marts.periods
where period_end between getvariable('run_first_period') and getvariable('run_as_of')
order by period_end
