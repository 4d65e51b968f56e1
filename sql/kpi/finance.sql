-- kpi.finance: the finance KPIs of kpis.md "Finance", calendar year to date, for every period of the run.
-- Grain: one row per period_end. Euro sums are exact decimals; ratios are computed from them.
-- Inputs: marts.periods, marts.fct_income, marts.fct_costs, staging.stg_spending, marts.budget_periods.
create or replace table kpi.finance as
with daily_income as (
    select booking_date, sum(amount) as income
    from marts.fct_income
    group by booking_date
),

daily_costs as (
    select
        booking_date,
        sum(allocated_amount) as costs_total,
        coalesce(sum(allocated_amount) filter (where category = 'objectives'), 0) as costs_objectives,
        coalesce(sum(allocated_amount) filter (where category = 'fundraising'), 0) as costs_fundraising,
        coalesce(sum(allocated_amount) filter (where category = 'management_admin'), 0) as costs_management_admin
    from marts.fct_costs
    group by booking_date
),

income_ytd as (
    select p.period_end, coalesce(sum(i.income), 0) as income_total
    from marts.periods as p
    left join daily_income as i on i.booking_date between p.year_start and p.period_end
    group by p.period_end
),

costs_ytd as (
    select
        p.period_end,
        coalesce(sum(c.costs_total), 0) as costs_total,
        coalesce(sum(c.costs_objectives), 0) as costs_objectives,
        coalesce(sum(c.costs_fundraising), 0) as costs_fundraising,
        coalesce(sum(c.costs_management_admin), 0) as costs_management_admin
    from marts.periods as p
    left join daily_costs as c on c.booking_date between p.year_start and p.period_end
    group by p.period_end
),

yearly_costs as (
    select year(booking_date) as year, sum(costs_objectives) as objectives, sum(costs_total) as total
    from daily_costs
    group by year(booking_date)
),

spending_years as (
    select distinct year(booking_date) as year from staging.stg_spending
),

three_years as (
    -- the three most recent complete calendar years ending on or before d
    select
        p.period_end,
        sum(y.objectives) as objectives,
        sum(y.total) as total,
        count(s.year) as years_with_spending
    from marts.periods as p
    cross join lateral (
        select unnest(range(
            year(p.period_end) - case when p.period_end = make_date(year(p.period_end), 12, 31) then 0 else 1 end - 2,
            year(p.period_end) - case when p.period_end = make_date(year(p.period_end), 12, 31) then 0 else 1 end + 1
        )) as year
    ) as w
    left join yearly_costs as y on y.year = w.year
    left join spending_years as s on s.year = w.year
    group by p.period_end
),

budgets as (
    select
        period_end,
        max(budget_ytd) filter (where line = 'income_total') as income_budget_ytd,
        max(budget_ytd) filter (where line = 'costs_total') as costs_budget_ytd
    from marts.budget_periods
    group by period_end
),

kpis as (
    select
        p.period_end,
        i.income_total::double as income_total,
        c.costs_total::double as costs_total,
        c.costs_objectives::double as costs_objectives,
        c.costs_fundraising::double as costs_fundraising,
        c.costs_management_admin::double as costs_management_admin,
        (i.income_total - c.costs_total)::double as result,
        c.costs_fundraising::double / nullif(i.income_total, 0)::double as fundraising_cost_ratio,
        c.costs_objectives::double / nullif(c.costs_total, 0)::double as objective_spending_ratio_costs,
        c.costs_objectives::double / nullif(i.income_total, 0)::double as objective_spending_ratio_income,
        c.costs_management_admin::double / nullif(c.costs_total, 0)::double as management_admin_ratio,
        case when t.years_with_spending = 3 then t.objectives::double / nullif(t.total, 0)::double end
            as objective_spending_ratio_costs_3y,
        i.income_total::double / nullif(b.income_budget_ytd, 0) as income_vs_budget,
        c.costs_total::double / nullif(b.costs_budget_ytd, 0) as costs_vs_budget
    from marts.periods as p
    inner join income_ytd as i using (period_end)
    inner join costs_ytd as c using (period_end)
    inner join three_years as t using (period_end)
    left join budgets as b using (period_end)
)

select * from kpis order by period_end;
