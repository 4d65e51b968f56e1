-- Record every published value this run changes (a correction restating history), before replacing it.
-- Inputs: kpi.scorecard (as published), scorecard_new, variables run_id, run_first_period, run_as_of.
insert into kpi.restatements
select o.period_end, o.kpi_id, o.value, n.value, getvariable('run_id'), current_timestamp
from kpi.scorecard as o
inner join scorecard_new as n using (period_end, kpi_id)
where n.period_end between getvariable('run_first_period') and getvariable('run_as_of')
    and o.value is distinct from n.value;
