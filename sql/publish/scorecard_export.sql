-- scorecard.csv / scorecard.parquet: the columns of kpi.scorecard, then the quality of the row's inputs.
-- Grain: one row per (period_end, kpi_id). Inputs: kpi.scorecard, kpi.scorecard_quality.
select s.period_end, s.kpi_id, s.value, s.unit, s.target, s.status, s.run_id, s.computed_at,
    q.quality, q.detail as quality_detail
from kpi.scorecard as s
left join kpi.scorecard_quality as q using (period_end, kpi_id)
order by s.period_end, s.kpi_id
