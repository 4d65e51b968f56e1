-- Board pack and report: income and costs against budget, per budget year, at the latest period of the year.
-- Grain: one row per year with a budget. Inputs: kpi.scorecard, targets_budget. Parameter: period_end.
with latest_per_year as (
    select year(period_end) as year, max(period_end) as period_end
    from kpi.scorecard
    where period_end <= $period_end
    group by year(period_end)
),

values_at as (
    select
        l.year, l.period_end,
        max(s.value) filter (where s.kpi_id = 'income_total') as income_ytd,
        max(s.value) filter (where s.kpi_id = 'costs_total') as costs_ytd,
        max(s.value) filter (where s.kpi_id = 'income_vs_budget') as income_vs_budget,
        max(s.value) filter (where s.kpi_id = 'costs_vs_budget') as costs_vs_budget
    from latest_per_year as l
    inner join kpi.scorecard as s using (period_end)
    group by l.year, l.period_end
)

select v.year, v.period_end, b.income_eur as budget_income, b.costs_eur as budget_costs,
    v.income_ytd, v.costs_ytd, v.income_vs_budget, v.costs_vs_budget
from values_at as v
inner join targets_budget as b using (year)
order by v.year
