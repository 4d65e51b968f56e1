-- kpi.costs_by_category: allocated costs year to date by RJ 650 category and objective.
-- Grain: one row per period per category per objective. Inputs: marts.periods, marts.fct_costs.
create or replace table kpi.costs_by_category as
with daily as (
    select booking_date, category, objective, sum(allocated_amount) as amount
    from marts.fct_costs
    group by all
),

ytd as (
    select p.period_end, d.category, d.objective, sum(d.amount)::double as amount
    from marts.periods as p
    inner join daily as d on d.booking_date between p.year_start and p.period_end
    group by all
)

select * from ytd order by period_end, category, objective;
