-- Reconciliation of the breakdown tables with the scorecard (strategy.md): the budget lines' totals give
-- income_vs_budget and costs_vs_budget and equal the sums of their lines, and the portfolios' income adds up to
-- relationship_income_12m. Returns one row per mismatch: period_end, kpi_id, the scorecard's (or the total's)
-- value, the breakdown's. Inputs: scorecard_new, kpi.budget_lines, kpi.portfolio_income.
with published as (
    select period_end, kpi_id, value
    from scorecard_new
    where kpi_id in ('income_vs_budget', 'costs_vs_budget', 'relationship_income_12m')
),

budget_sides as (
    select
        period_end,
        case side when 'income' then 'income_vs_budget' else 'costs_vs_budget' end as kpi_id,
        max(actual_ytd / nullif(budget_ytd, 0)) filter (where line in ('income_total', 'costs_total')) as ratio,
        max(actual_ytd) filter (where line in ('income_total', 'costs_total')) as total_actual,
        sum(actual_ytd) filter (where line not in ('income_total', 'costs_total')) as lines_actual,
        max(budget_ytd) filter (where line in ('income_total', 'costs_total')) as total_budget,
        -- NULL for a year only in the targets file: it has totals, no lines
        sum(budget_ytd) filter (where line not in ('income_total', 'costs_total')) as lines_budget
    from kpi.budget_lines
    group by all
),

breakdown_values as (
    select period_end, kpi_id, ratio as value from budget_sides
    union all
    select period_end, 'relationship_income_12m' as kpi_id, sum(income_12m)::double as value
    from kpi.portfolio_income
    group by all
),

mismatches as (
    select p.period_end, p.kpi_id, p.value as scorecard, b.value as breakdown
    from published as p
    left join breakdown_values as b using (period_end, kpi_id)
    where case
        -- no portfolio in the snapshot: no breakdown rows, and a relationship income of 0
        when p.kpi_id = 'relationship_income_12m'
            then p.value is not null and abs(p.value - coalesce(b.value, 0)) > 1e-9 * greatest(abs(p.value), 1)
        else (p.value is null) <> (b.value is null) or abs(p.value - b.value) > 1e-9 * greatest(abs(p.value), 1)
    end
    union all
    select period_end, kpi_id, total_actual, lines_actual
    from budget_sides
    where abs(total_actual - lines_actual) > 0.005
    union all
    select period_end, kpi_id, total_budget, lines_budget
    from budget_sides
    where abs(total_budget - lines_budget) > 0.005
)

select * from mismatches order by period_end, kpi_id;
