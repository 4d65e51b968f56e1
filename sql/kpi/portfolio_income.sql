-- kpi.portfolio_income: each relationship manager's portfolio at every period: segment, start, tenure, the
-- income booked to it over the 12 months, and its target once mature (strategy.md "Breakdown tables").
-- Grain: one row per period_end per portfolio of the current portfolios snapshot.
-- Inputs: marts.periods, marts.fct_income, staging.stg_portfolios, variables target_maturity_months,
-- target_income_per_mature_portfolio.
create or replace table kpi.portfolio_income as
with portfolios as (
    select portfolio, segment, started_on
    from staging.stg_portfolios
),

daily as (
    -- every booking counts, whatever its date against started_on (strategy.md "Precise readings" 10)
    select booking_date, portfolio, sum(amount) as amount
    from marts.fct_income
    where portfolio in (select portfolio from portfolios)
    group by all
),

per_period as (
    select
        p.period_end,
        f.portfolio,
        f.segment,
        f.started_on,
        date_sub('month', f.started_on, p.period_end) as tenure_months,
        f.started_on <= (p.period_end - to_months(getvariable('target_maturity_months')))::date as mature,
        coalesce(sum(d.amount), 0) as income_12m
    from marts.periods as p
    cross join portfolios as f
    left join daily as d
        on d.portfolio = f.portfolio and d.booking_date > p.twelve_months_before and d.booking_date <= p.period_end
    group by all
)

select
    period_end, portfolio, segment, started_on, tenure_months, mature, income_12m,  -- exact, summed by kpi.income_mix
    case when mature then getvariable('target_income_per_mature_portfolio') end::double as target
from per_period
order by period_end, portfolio;
