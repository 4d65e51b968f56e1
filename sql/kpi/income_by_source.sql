-- kpi.income_by_source: income year to date by RJ 650 income source and income type.
-- Grain: one row per period per income_source per income_type. Inputs: marts.periods, marts.fct_income.
create or replace table kpi.income_by_source as
with daily as (
    select booking_date, income_source, income_type, sum(amount) as amount
    from marts.fct_income
    group by all
),

ytd as (
    select p.period_end, d.income_source, d.income_type, sum(d.amount)::double as amount
    from marts.periods as p
    inner join daily as d on d.booking_date between p.year_start and p.period_end
    group by all
)

select * from ytd order by period_end, income_source, income_type;
