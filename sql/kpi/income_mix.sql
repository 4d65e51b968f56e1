-- kpi.income_mix: strategy.md "Income mix and membership" for every period of the run.
-- Grain: one row per period_end. Euro sums are exact decimals; ratios are computed from them.
-- Inputs: marts.periods, marts.fct_income, kpi.finance, kpi.portfolio_income, staging.stg_members,
-- staging.stg_portfolios, staging.stg_files.
create or replace table kpi.income_mix as
with daily as (
    select
        booking_date,
        sum(amount) filter (where income_source not in ('tegenprestatie', 'overige')) as raised,
        sum(amount) filter (where income_type in ('legacy', 'major_gift')
                            or income_source in ('bedrijven', 'subsidies_overheden', 'andere_organisaties'))
            as diversified,
        sum(amount) filter (where income_type = 'membership_fee') as membership,
        sum(amount) filter (where portfolio in (select portfolio from staging.stg_portfolios)) as relationship
    from marts.fct_income
    group by booking_date
),

year_to_date as (
    select p.period_end, coalesce(sum(d.raised), 0) as income_raised, coalesce(sum(d.diversified), 0) as income_diversified
    from marts.periods as p
    left join daily as d on d.booking_date between p.year_start and p.period_end
    group by p.period_end
),

twenty_four_months as (
    -- (d - 24 months, d]: the 12 months and the 12 before them, calendar arithmetic clamped
    select
        p.period_end,
        coalesce(sum(d.membership) filter (where d.booking_date > p.twelve_months_before), 0) as membership_12m,
        coalesce(sum(d.membership) filter (where d.booking_date <= p.twelve_months_before), 0) as membership_prior_12m,
        coalesce(sum(d.relationship) filter (where d.booking_date > p.twelve_months_before), 0) as relationship_12m
    from marts.periods as p
    left join daily as d
        on d.booking_date > (p.period_end - interval 24 month)::date and d.booking_date <= p.period_end
    group by p.period_end
),

member_rows as (
    select
        row_number() over () as row_id,
        person_key,
        member_since,
        coalesce(member_until, date '9999-12-30') as member_until,
        coalesce(contribution_amount * case contribution_frequency
            when 'monthly' then 12 when 'quarterly' then 4 when 'yearly' then 1 else 0 end, 0) as annualised
    from staging.stg_members
),

overlapping as (
    -- persons with two rows in force on the same day: there the row with the latest member_since counts
    select distinct a.person_key
    from member_rows as a
    inner join member_rows as b
        on a.person_key = b.person_key and a.row_id < b.row_id
        and a.member_since <= b.member_until and b.member_since <= a.member_until
),

single_row_changes as (
    -- every other person has at most one row in force on any day: its amount counts from member_since
    -- through member_until, so the sum at d is a running total of these changes
    select member_since as day, annualised as change
    from member_rows
    anti join overlapping using (person_key)
    union all
    select member_until + 1 as day, -annualised as change
    from member_rows
    anti join overlapping using (person_key)
),

running as (
    select day, sum(sum(change)) over (order by day) as total
    from single_row_changes
    group by day
),

single_row_sums as (
    select p.period_end, coalesce(r.total, 0) as annualised
    from marts.periods as p
    asof left join running as r on p.period_end >= r.day
),

overlapping_rows as (
    select m.* from member_rows as m semi join overlapping as o using (person_key)
),

overlapping_sums as (
    select period_end, sum(annualised) as annualised
    from (
        select p.period_end, m.person_key, arg_max(m.annualised, (m.member_since, m.annualised)) as annualised
        from marts.periods as p
        inner join overlapping_rows as m on p.period_end between m.member_since and m.member_until
        group by all
    )
    group by period_end
),

loaded as (
    select distinct source from staging.stg_files
),

kpis as (
    select
        p.period_end,
        y.income_raised::double as income_raised,
        f.costs_fundraising / nullif(y.income_raised, 0)::double as fundraising_cost_ratio_raised,
        y.income_diversified::double as income_diversified,
        y.income_diversified::double / nullif(f.income_total, 0) as income_diversified_share,
        t.membership_12m::double as membership_income_12m,
        t.membership_12m::double / nullif(t.membership_prior_12m, 0)::double - 1 as membership_income_change,
        (s.annualised + coalesce(o.annualised, 0))::double as member_contributions_annualised,
        case when 'portfolios' in (select source from loaded) then t.relationship_12m::double end
            as relationship_income_12m,
        r.relationship_income_mature_12m
    from marts.periods as p
    inner join year_to_date as y using (period_end)
    inner join twenty_four_months as t using (period_end)
    inner join kpi.finance as f using (period_end)
    inner join single_row_sums as s using (period_end)
    left join overlapping_sums as o using (period_end)
    left join (
        select period_end, (sum(income_12m) filter (where mature))::double as relationship_income_mature_12m
        from kpi.portfolio_income
        group by period_end
    ) as r using (period_end)
)

select * from kpis order by period_end;
