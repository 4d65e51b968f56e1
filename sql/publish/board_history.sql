-- Board pack and report: the monthly history (month-ends, plus the latest period).
-- Grain: one row per period_end per kpi_id. Inputs: kpi.scorecard, kpi.kpi_catalog. Parameter: period_end.
select s.period_end, s.kpi_id, s.value, s.unit, s.target, s.status
from kpi.scorecard as s
inner join kpi.kpi_catalog as k using (kpi_id)
where s.period_end <= $period_end and (s.period_end = last_day(s.period_end) or s.period_end = $period_end)
order by s.period_end, k.sort_order
