-- kpi.impact: strategy.md "Impact" for every period of the run: pupils and students reached by education
-- over the 12 months (a pupil in two activities counts twice); empty until an education file is loaded.
-- Grain: one row per period_end. Inputs: marts.periods, staging.stg_education, staging.stg_files.
create or replace table kpi.impact as
with daily as (
    select activity_date, sum(participants) as participants
    from staging.stg_education
    group by activity_date
),

reach as (
    select p.period_end, coalesce(sum(d.participants), 0) as participants
    from marts.periods as p
    left join daily as d on d.activity_date > p.twelve_months_before and d.activity_date <= p.period_end
    group by p.period_end
),

kpis as (
    select
        period_end,
        case when exists (select 1 from staging.stg_files where source = 'education') then participants::double end
            as education_reach_12m
    from reach
)

select * from kpis order by period_end;
