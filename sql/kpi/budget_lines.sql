-- kpi.budget_lines: begroting / realisatie / vorig jaar at every period: per income source and cost category,
-- and in total, the actual year to date, the budget to date, the budget for the whole year, and the actual
-- over the same dates one year earlier (strategy.md "Breakdown tables").
-- Grain: one row per period_end per line. Inputs: marts.periods, marts.fct_income, marts.fct_costs,
-- marts.budget_periods.
create or replace table kpi.budget_lines as
with lines as (
    select * from (values
        (1, 'particulieren', 'income'), (2, 'bedrijven', 'income'), (3, 'loterijorganisaties', 'income'),
        (4, 'subsidies_overheden', 'income'), (5, 'verbonden_organisaties', 'income'),
        (6, 'andere_organisaties', 'income'), (7, 'tegenprestatie', 'income'), (8, 'overige', 'income'),
        (9, 'income_total', 'income'),
        (10, 'objectives', 'costs'), (11, 'fundraising', 'costs'), (12, 'management_admin', 'costs'),
        (13, 'costs_total', 'costs')
    ) as t(sort_order, line, side)
),

daily_lines as (
    select booking_date, income_source as line, 'income' as side, sum(amount) as amount
    from marts.fct_income
    group by all
    union all
    select booking_date, category as line, 'costs' as side, sum(allocated_amount) as amount
    from marts.fct_costs
    group by all
),

daily as (
    -- each line, and its side's total from the lines' daily sums (one pass over the facts)
    select booking_date, line, amount from daily_lines
    union all
    select booking_date, side || '_total' as line, sum(amount) as amount from daily_lines group by all
),

actuals as (
    select
        p.period_end,
        l.line,
        coalesce(sum(d.amount) filter (where d.booking_date >= p.year_start), 0) as actual_ytd,
        coalesce(sum(d.amount) filter (where d.booking_date <= p.twelve_months_before), 0) as actual_prior_year
    from marts.periods as p
    cross join lines as l
    left join daily as d
        on d.line = l.line
        and d.booking_date between (p.year_start - interval 1 year)::date and p.period_end
        and (d.booking_date >= p.year_start or d.booking_date <= p.twelve_months_before)
    group by all
)

select
    a.period_end,
    l.line,
    l.side,
    a.actual_ytd::double as actual_ytd,
    b.budget_ytd,
    b.budget_year,
    a.actual_prior_year::double as actual_prior_year
from actuals as a
inner join lines as l using (line)
left join marts.budget_periods as b using (period_end, line)
order by a.period_end, l.sort_order;
