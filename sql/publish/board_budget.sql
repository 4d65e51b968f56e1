-- Board pack and report: income and costs against budget, per budget year, at the latest period of the year.
-- The year's budget comes from the budget export or the targets file (marts.budget_periods, via kpi.budget_lines).
-- Grain: one row per year with a budget. Inputs: kpi.scorecard, kpi.budget_lines. Parameter: period_end.
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
),

budgets as (
    select
        period_end,
        max(budget_year) filter (where line = 'income_total') as budget_income,
        max(budget_year) filter (where line = 'costs_total') as budget_costs
    from kpi.budget_lines
    where line in ('income_total', 'costs_total') and budget_year is not null
    group by period_end
)

select v.year, v.period_end, b.budget_income, b.budget_costs,
    v.income_ytd, v.costs_ytd, v.income_vs_budget, v.costs_vs_budget
from values_at as v
inner join budgets as b using (period_end)
order by v.year
