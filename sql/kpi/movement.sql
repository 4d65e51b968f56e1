-- kpi.movement: the movement KPIs of kpis.md "Movement" for every period of the run.
-- Grain: one row per period_end.
-- Inputs: marts.periods, movement_persons, supporter_persons, marts.dim_person, variables target_movement*.
create or replace table kpi.movement as
with counts as (
    select
        m.period_end,
        count_if(m.is_member) as members,
        count_if(m.is_activist) as activists,
        count_if(m.is_supporter) as supporters,
        count(*) as movement_total,
        count_if(d.birth_year is not null) as with_birth_year,
        count_if(year(m.period_end) - d.birth_year < 30) as under_30
    from movement_persons as m
    inner join marts.dim_person as d using (person_sk)
    group by m.period_end
),

retention as (
    select
        p.period_end,
        count(*) as earlier_supporters,
        count(later.person_sk) as retained
    from marts.periods as p
    inner join supporter_persons as earlier on earlier.eval_date = p.twelve_months_before
    left join supporter_persons as later on later.eval_date = p.period_end and later.person_sk = earlier.person_sk
    group by p.period_end
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
        r.retained / nullif(r.earlier_supporters, 0) as supporter_retention,
        year(getvariable('target_movement_date')) * 12 + month(getvariable('target_movement_date'))
            as target_month_number
    from marts.periods as p
    left join counts as c using (period_end)
    left join retention as r using (period_end)
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
