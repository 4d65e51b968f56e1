-- kpi.movement: the movement KPIs of kpis.md "Movement" for every period of the run.
-- Grain: one row per period_end.
-- Inputs: marts.periods, marts.movement_cells (the counts, sql/marts/movement_contributions.sql),
-- variables target_movement*.
create or replace table kpi.movement as
with counts as (
    select
        period_end,
        max(persons) filter (where measure = 'members') as members,
        max(persons) filter (where measure = 'activists') as activists,
        max(persons) filter (where measure = 'supporters') as supporters,
        max(persons) filter (where measure = 'movement_total') as movement_total,
        max(persons) filter (where measure = 'with_birth_year') as with_birth_year,
        coalesce(max(persons) filter (where measure = 'under_30'), 0) as under_30,
        max(persons) filter (where measure = 'earlier_supporters') as earlier_supporters,
        coalesce(max(persons) filter (where measure = 'retained'), 0) as retained
    from marts.movement_cells
    where category is null
    group by period_end
),

per_period as (
    select
        p.period_end,
        p.month_number,
        coalesce(c.members, 0) as members,
        coalesce(c.activists, 0) as activists,
        coalesce(c.supporters, 0) as supporters,
        coalesce(c.movement_total, 0) as movement_total,
        c.under_30 / nullif(c.with_birth_year, 0) as youth_share,
        c.retained / nullif(c.earlier_supporters, 0) as supporter_retention,
        year(getvariable('target_movement_date')) * 12 + month(getvariable('target_movement_date'))
            as target_month_number
    from marts.periods as p
    left join counts as c using (period_end)
),

trend as (
    select
        *,
        count(*) over recent as trend_points,
        regr_slope(movement_total, month_number) over recent as trend_slope,
        regr_intercept(movement_total, month_number) over recent as trend_intercept
    from per_period
    window recent as (order by period_end rows between 11 preceding and current row)
),

kpis as (
    select
        period_end,
        members,
        activists,
        supporters,
        movement_total,
        movement_total / getvariable('target_movement') as movement_target_progress,
        case
            when target_month_number - month_number > 0
                then (getvariable('target_movement') - movement_total) / (target_month_number - month_number)
        end as movement_required_monthly_growth,
        case when trend_points >= 3 then trend_intercept + trend_slope * target_month_number end
            as movement_forecast,
        youth_share,
        supporter_retention
    from trend
)

select * from kpis order by period_end;
