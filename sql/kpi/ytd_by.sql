-- kpi.{table} (a template for income_by_source and costs_by_category): euros year to date by two categories
-- of a fact: income by RJ 650 income source and income type (marts.fct_income.amount), allocated costs by RJ 650
-- category and objective (marts.fct_costs.allocated_amount).
-- Grain: one row per period per {first} per {second}. Inputs: marts.periods, {fact}.
create or replace table kpi.{table} as
with daily as (
    select booking_date, {first}, {second}, sum({amount}) as amount
    from {fact}
    group by all
),

ytd as (
    select p.period_end, d.{first}, d.{second}, sum(d.amount)::double as amount
    from marts.periods as p
    inner join daily as d on d.booking_date between p.year_start and p.period_end
    group by all
)

select * from ytd order by period_end, {first}, {second};
