-- The headline of a run: the scorecard of the as-of period, in catalogue order.
-- Grain: one row per kpi_id. Inputs: kpi.scorecard, kpi.kpi_catalog. Parameter: as_of.
select s.kpi_id, s.value, s.unit, s.target, s.status
from kpi.scorecard as s
inner join kpi.kpi_catalog as c using (kpi_id)
where s.period_end = $as_of
order by c.sort_order
