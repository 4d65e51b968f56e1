-- movement_contributions (temp {target}): what the persons in {persons} add to the movement counts of the
-- periods in {periods}, by the rules of kpis.md "Movement": the counts behind kpi.movement and its breakdowns
-- by roles, activist type, age band and postal region. Every count is a number of persons, so the counts of
-- two sets of persons add up, which lets kpi.movement_marts update only the persons whose inputs changed.
-- A member or activist at d holds a role period with valid_from <= d <= valid_until; a supporter at d has an
-- action day with d - 12 months < action_date <= d; the movement at d is every person with any of the three.
-- Retention at d counts the supporters of d - 12 months and those of them still supporters at d.
-- Measure 'counted' is 1 for every period counted, so that the cells show which periods they hold even where
-- nobody is in the movement.
-- Grain: one row per period_end per measure per category (category null for the plain counts); a count of
-- zero may be left out.
-- Inputs: {periods} (period_end, twelve_months_before), {persons} (person_sk), {roles} (marts.fct_role_periods
-- columns), {action_days} (person_sk, action_date), {people} (person_sk, birth_year, postal_region).
-- Keep sql/increments/movement_changes.sql comparing every input column read here.
create or replace temp table {target} as
with roles as (
    select r.* from {roles} as r semi join {persons} as k using (person_sk)
),

action_days as (
    select a.* from {action_days} as a semi join {persons} as k using (person_sk)
),

people as (
    select d.* from {people} as d semi join {persons} as k using (person_sk)
),

evaluation_dates as (
    select period_end as eval_date from {periods}
    union
    select twelve_months_before as eval_date from {periods}
),

supporters as materialized (
    select distinct w.eval_date, a.person_sk
    from action_days as a
    inner join evaluation_dates as w
        on a.action_date > (w.eval_date - interval 12 month)::date and a.action_date <= w.eval_date
),

role_holders as (
    select
        p.period_end,
        r.person_sk,
        bool_or(r.role = 'member') as is_member,
        bool_or(r.role = 'activist') as is_activist
    from {periods} as p
    inner join roles as r on r.valid_from <= p.period_end and r.valid_until >= p.period_end
    group by p.period_end, r.person_sk
),

movement_persons as (
    select
        period_end,
        person_sk,
        coalesce(r.is_member, false) as is_member,
        coalesce(r.is_activist, false) as is_activist,
        coalesce(s.is_supporter, false) as is_supporter
    from role_holders as r
    full outer join (
        select s.eval_date as period_end, s.person_sk, true as is_supporter
        from supporters as s
        semi join {periods} as p on p.period_end = s.eval_date
    ) as s using (period_end, person_sk)
),

profiles as (
    -- the persons of each period grouped by everything the counts ask of them: a few hundred thousand rows
    select
        m.period_end,
        m.is_member,
        m.is_activist,
        m.is_supporter,
        year(m.period_end) - d.birth_year as age,
        coalesce(d.postal_region, 'unknown') as postal_region,
        count(*) as persons
    from movement_persons as m
    inner join people as d using (person_sk)
    group by all
),

counts as (
    select
        period_end,
        sum(persons) filter (where is_member) as members,
        sum(persons) filter (where is_activist) as activists,
        sum(persons) filter (where is_supporter) as supporters,
        sum(persons) as movement_total,
        sum(persons) filter (where age is not null) as with_birth_year,
        sum(persons) filter (where age < 30) as under_30
    from profiles
    group by period_end
),

retention as (
    select
        p.period_end,
        count(*) as earlier_supporters,
        count(later.person_sk) as retained
    from {periods} as p
    inner join supporters as earlier on earlier.eval_date = p.twelve_months_before
    left join supporters as later on later.eval_date = p.period_end and later.person_sk = earlier.person_sk
    group by p.period_end
),

activist_types as (
    select period_end, activist_type, count(*) as persons
    from (
        select distinct p.period_end, r.activist_type, r.person_sk
        from {periods} as p
        inner join roles as r
            on r.role = 'activist' and r.valid_from <= p.period_end and r.valid_until >= p.period_end
    )
    group by all
),

categories as (
    select
        period_end,
        concat_ws('+',
            case when is_member then 'member' end,
            case when is_activist then 'activist' end,
            case when is_supporter then 'supporter' end) as roles,
        case
            when age is null then 'unknown'
            when age < 20 then 'under 20'
            when age < 30 then '20-29'
            when age < 45 then '30-44'
            when age < 65 then '45-64'
            else '65 and over'
        end as age_band,
        postal_region,
        persons
    from profiles
),

cells as (
    select period_end, 'counted' as measure, null::varchar as category, 1 as persons from {periods}
    union all
    from counts unpivot (persons for measure in (
        members, activists, supporters, movement_total, with_birth_year, under_30))
    select period_end, measure, null::varchar as category, persons
    union all
    from retention unpivot (persons for measure in (earlier_supporters, retained))
    select period_end, measure, null::varchar as category, persons
    union all
    select period_end, 'activist_type' as measure, activist_type as category, persons from activist_types
    union all
    select period_end, 'roles' as measure, roles as category, sum(persons) as persons from categories group by all
    union all
    select period_end, 'age_band' as measure, age_band as category, sum(persons) as persons
    from categories group by all
    union all
    select period_end, 'postal_region' as measure, postal_region as category, sum(persons) as persons
    from categories group by all
)

select period_end, measure, category, persons::bigint as persons from cells;
