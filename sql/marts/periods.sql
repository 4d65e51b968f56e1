-- periods: the periods of this run: every month-end from the reporting start up to the as-of date, plus the
-- as-of date itself when it is not a month-end (../shared/spec/kpis.md "Periods").
-- Grain: one row per period_end. Inputs: variables target_reporting_start (a first of month), run_as_of.
create or replace table marts.periods as
with month_ends as (
    select last_day(m::date) as period_end
    from range(
        getvariable('target_reporting_start')::timestamp,
        getvariable('run_as_of')::timestamp + interval 1 day,
        interval 1 month
    ) as t(m)
),

candidates as (
    select period_end from month_ends where period_end <= getvariable('run_as_of')::date
    union
    select getvariable('run_as_of')::date as period_end
    where getvariable('run_as_of')::date >= getvariable('target_reporting_start')::date
),

described as (
    select
        period_end,
        -- calendar arithmetic, day clamped to the month's length: 2024-02-29 - 12 months = 2023-02-28
        (period_end - interval 12 month)::date as twelve_months_before,
        make_date(year(period_end), 1, 1) as year_start,
        year(period_end) * 12 + month(period_end) as month_number,
        (month(period_end) - 1 + day(period_end) / day(last_day(period_end))) / 12 as elapsed_year_fraction,
        period_end = last_day(period_end) as is_month_end
    from candidates
)

select * from described order by period_end;
