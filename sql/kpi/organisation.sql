-- kpi.organisation: strategy.md "Structural balance and organisation" for every period of the run.
-- Grain: one row per period_end. Inputs: marts.periods, marts.fct_income, marts.fct_costs, staging.stg_staff,
-- staging.stg_reserves, staging.stg_files, targets variables (structural income types, working-organisation
-- cost types).
create or replace table kpi.organisation as
with loaded as (
    select distinct source from staging.stg_files
),

income_days as (
    select booking_date, sum(amount) as structural_income
    from marts.fct_income
    where list_contains(getvariable('target_structural_income_types')::varchar[], income_type)
    group by booking_date
),

cost_days as (
    select
        booking_date,
        sum(allocated_amount) filter (where structural) as structural_costs,
        sum(allocated_amount) filter (where cost_type = 'personnel') as personnel_costs,
        -- kosten werkorganisatie: the listed cost types, plus fundraising's costs of any other type
        sum(allocated_amount) filter (where list_contains(getvariable('target_working_organisation_cost_types')::varchar[], cost_type)
                                      or category = 'fundraising') as working_organisation_costs
    from marts.fct_costs
    group by booking_date
),

structural_ytd as (
    select
        p.period_end,
        coalesce((select sum(i.structural_income) from income_days as i
                  where i.booking_date between p.year_start and p.period_end), 0)
        - coalesce((select sum(c.structural_costs) from cost_days as c
                    where c.booking_date between p.year_start and p.period_end), 0) as structural_result
    from marts.periods as p
),

staff_at_period as (
    select
        p.period_end,
        coalesce(sum(s.fte) filter (where s.structural = 'yes'), 0) as staff_fte_structural,
        coalesce(sum(s.fte), 0) as staff_fte_total
    from marts.periods as p
    left join staging.stg_staff as s
        on s.start_date <= p.period_end and (s.end_date is null or s.end_date >= p.period_end)
    group by p.period_end
),

month_ends as (
    -- the month-ends in (d - 12 months, d], at most the 12 most recent (13 can fall in the window around
    -- 29 February; 11 when d is not a month-end)
    select period_end, month_end
    from (
        select distinct p.period_end, p.twelve_months_before, last_day((p.period_end - to_months(k))::date) as month_end
        from marts.periods as p
        cross join (select unnest(range(0, 13)) as k) as ks
    )
    where month_end > twelve_months_before and month_end <= period_end
    qualify row_number() over (partition by period_end order by month_end desc) <= 12
),

staff_average as (
    select period_end, sum(fte)::double / count(*) as average_fte  -- an exact sum: the same bits every build
    from (
        select m.period_end, m.month_end, coalesce(sum(s.fte), 0) as fte
        from month_ends as m
        left join staging.stg_staff as s
            on s.start_date <= m.month_end and (s.end_date is null or s.end_date >= m.month_end)
        group by all
    )
    group by period_end
),

personnel_12m as (
    select
        p.period_end,
        coalesce(sum(c.personnel_costs), 0) as personnel_costs
    from marts.periods as p
    left join cost_days as c on c.booking_date > p.twelve_months_before and c.booking_date <= p.period_end
    group by p.period_end
),

balance_dates as (
    -- b: the latest balance date <= d in the latest reserves snapshot
    select p.period_end, max(r.balance_date) as balance_date
    from marts.periods as p
    inner join staging.stg_reserves as r on r.balance_date <= p.period_end
    group by p.period_end
),

reserves_at_balance as (
    select
        b.period_end,
        b.balance_date,
        (select coalesce(sum(r.amount), 0) from staging.stg_reserves as r
         where r.balance_date = b.balance_date and r.reserve_type = 'continuity') as continuity_reserve,
        (select coalesce(sum(c.working_organisation_costs), 0) from cost_days as c
         where c.booking_date > (b.balance_date - interval 12 month)::date and c.booking_date <= b.balance_date)
            as working_organisation_costs
    from balance_dates as b
),

kpis as (
    select
        p.period_end,
        case when 'accounts' in (select source from loaded) then y.structural_result::double end as structural_result,
        case when 'staff' in (select source from loaded) then s.staff_fte_structural::double end as staff_fte_structural,
        case when 'staff' in (select source from loaded) then s.staff_fte_total::double end as staff_fte_total,
        case when 'staff' in (select source from loaded) and 'accounts' in (select source from loaded)
            then c.personnel_costs::double / nullif(a.average_fte, 0)::double end as personnel_cost_per_fte,
        r.continuity_reserve::double as continuity_reserve,
        case when 'accounts' in (select source from loaded) then r.working_organisation_costs::double end
            as working_organisation_costs,
        case when 'accounts' in (select source from loaded)
            then r.continuity_reserve::double / nullif(r.working_organisation_costs, 0)::double end
            as continuity_reserve_ratio
    from marts.periods as p
    inner join structural_ytd as y using (period_end)
    inner join staff_at_period as s using (period_end)
    inner join staff_average as a using (period_end)
    inner join personnel_12m as c using (period_end)
    left join reserves_at_balance as r using (period_end)
)

select * from kpis order by period_end;
