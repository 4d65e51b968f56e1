-- budget_periods: the budget to date and for the whole year at every period, per budget line and in total.
-- A year in the latest budget export takes its monthly budget from there (a missing month or line is 0); a
-- year only in the targets file has its annual figures spread evenly, and totals only (strategy.md).
-- Budget to date at d: the months before month(d), plus month(d) x day(d) / days in d's month.
-- Grain: one row per period_end per line (every income source and cost category of an exported year;
-- income_total and costs_total of every year with a budget). Inputs: marts.periods, staging.stg_budget,
-- targets_budget.
create or replace table marts.budget_periods as
with lines as (
    select * from (values
        ('particulieren', 'income'), ('bedrijven', 'income'), ('loterijorganisaties', 'income'),
        ('subsidies_overheden', 'income'), ('verbonden_organisaties', 'income'), ('andere_organisaties', 'income'),
        ('tegenprestatie', 'income'), ('overige', 'income'),
        ('objectives', 'costs'), ('fundraising', 'costs'), ('management_admin', 'costs')
    ) as t(line, side)
),

exported as (
    select year, month, line, sum(amount) as amount
    from staging.stg_budget
    group by all
),

exported_years as (
    select distinct year from exported
),

exported_months as (
    select y.year, m.month, l.line, l.side, coalesce(e.amount, 0) as amount
    from exported_years as y
    cross join (select unnest(range(1, 13)) as month) as m
    cross join lines as l
    left join exported as e using (year, month, line)
),

exported_lines as (
    -- each line, and each side's total straight from the months (exact decimals until the proration)
    select
        p.period_end,
        coalesce(e.line, e.side || '_total') as line,
        e.side,
        coalesce(sum(e.amount) filter (where e.month < month(p.period_end)), 0)::double
            + coalesce(sum(e.amount) filter (where e.month = month(p.period_end)), 0)::double
              * day(p.period_end) / day(last_day(p.period_end)) as budget_ytd,
        sum(e.amount)::double as budget_year
    from marts.periods as p
    inner join exported_months as e on e.year = year(p.period_end)
    group by grouping sets ((p.period_end, e.side, e.line), (p.period_end, e.side))
),

targets_years as (
    select year, 'income_total' as line, 'income' as side, income_eur as budget_year from targets_budget
    union all
    select year, 'costs_total' as line, 'costs' as side, costs_eur as budget_year from targets_budget
),

targets_totals as (
    -- annual x elapsed fraction of the year: the same as the months' sum for a budget spread evenly (kpis.md)
    select p.period_end, t.line, t.side, t.budget_year * p.elapsed_year_fraction as budget_ytd, t.budget_year
    from marts.periods as p
    inner join targets_years as t on t.year = year(p.period_end)
    where t.year not in (select year from exported_years)
)

select * from exported_lines
union all
select * from targets_totals
order by period_end, side, line;
