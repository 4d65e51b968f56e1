-- Board pack and report: the latest period's scorecard with the change against the previous period and the
-- same period a year earlier, and the quality of its inputs. Grain: one row per kpi_id.
-- Inputs: kpi.scorecard, kpi.scorecard_quality, kpi.kpi_catalog. Parameter: period_end.
with latest as (
    select * from kpi.scorecard where period_end = $period_end
),

previous_period as (
    select max(period_end) as period_end from kpi.scorecard where period_end < $period_end
),

compare as (
    select
        l.kpi_id, l.value, l.unit, l.target, l.status,
        l.value - p.value as change_previous,
        l.value - y.value as change_last_year
    from latest as l
    left join kpi.scorecard as p
        on p.kpi_id = l.kpi_id and p.period_end = (select period_end from previous_period)
    left join kpi.scorecard as y
        on y.kpi_id = l.kpi_id and y.period_end = ($period_end::date - interval 12 month)::date
)

select c.*, q.quality, q.detail as quality_detail
from compare as c
inner join kpi.kpi_catalog as k using (kpi_id)
left join kpi.scorecard_quality as q on q.kpi_id = c.kpi_id and q.period_end = $period_end
order by k.sort_order
