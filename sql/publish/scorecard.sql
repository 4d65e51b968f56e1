-- Replace the scorecard rows of the periods this run touches (first period .. as-of); rows of other periods
-- stay. An earlier as-of row inside the range (not a month-end) is dropped: a later as-of supersedes it.
-- The same for kpi.scorecard_quality. Inputs: scorecard_new, scorecard_quality_new, variables run_id,
-- run_first_period, run_as_of.
delete from kpi.scorecard
where period_end between getvariable('run_first_period') and getvariable('run_as_of');

insert into kpi.scorecard
select period_end, kpi_id, value, unit, target, status, getvariable('run_id'), current_timestamp
from scorecard_new
where period_end between getvariable('run_first_period') and getvariable('run_as_of')
order by period_end, sort_order;

delete from kpi.scorecard_quality
where period_end between getvariable('run_first_period') and getvariable('run_as_of');

insert into kpi.scorecard_quality
select period_end, kpi_id, quality, detail, getvariable('run_id')
from scorecard_quality_new
where period_end between getvariable('run_first_period') and getvariable('run_as_of');
