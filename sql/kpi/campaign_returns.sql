-- kpi.campaign_returns: per year and campaign, the income booked with the campaign code, the allocated
-- fundraising costs booked with it, and the income per euro spent (empty when the costs are 0).
-- Grain: one row per year per campaign_code (bookings without a campaign code, or after the as-of date, are
-- left out). Inputs: marts.fct_income, marts.fct_costs, variable run_as_of.
create or replace table kpi.campaign_returns as
with income as (
    select year(booking_date) as year, campaign_code, sum(amount) as income
    from marts.fct_income
    where campaign_code is not null and booking_date <= getvariable('run_as_of')
    group by all
),

costs as (
    select year(booking_date) as year, campaign_code, sum(allocated_amount) as fundraising_costs
    from marts.fct_costs
    where campaign_code is not null and category = 'fundraising' and booking_date <= getvariable('run_as_of')
    group by all
),

returns as (
    select
        year,
        campaign_code,
        coalesce(i.income, 0)::double as income,
        coalesce(c.fundraising_costs, 0)::double as fundraising_costs,
        coalesce(i.income, 0)::double / nullif(c.fundraising_costs, 0)::double as income_per_euro
    from income as i
    full outer join costs as c using (year, campaign_code)
)

select * from returns order by year, campaign_code;
