-- sample_members: membership periods. Grain: one row per membership period.
-- 82% of people are members from a date after they joined; 30% of periods end; 5% of those who left
-- rejoin later, a few with an overlapping second period.
create or replace table sample_members as
with first_period as (
    select
        p.*,
        least(joined_on + pick(i, 11, 60)::integer, getvariable('sample_end')::date) as member_since,
        case
            when rnd(i, 12) < 0.30
                then joined_on + 60 + floor(-ln(1 - rnd(i, 13)) * 1400)::integer
        end as until_raw
    from sample_people as p
    where rnd(i, 10) < 0.82
),

periods as (
    select
        i, person_id, birth_date, postcode, email, member_since,
        case when until_raw <= getvariable('sample_end')::date + 45 then until_raw end as member_until
    from first_period
    union all
    select
        i, person_id, birth_date, postcode, email,
        until_raw + case when rnd(i, 15) < 0.2 then -30 else 90 + pick(i, 16, 700)::integer end as member_since,
        null::date as member_until
    from first_period
    where until_raw is not null and rnd(i, 14) < 0.05
        and until_raw + 800 <= getvariable('sample_end')::date
),

with_fee as (
    select
        *,
        (['monthly', 'monthly', 'monthly', 'quarterly', 'yearly'])[1 + pick(i, 17, 5)] as contribution_frequency,
        round(3 + rnd(i, 18) * 27, 2)::decimal(18, 2) as contribution_amount,
        (['street', 'online', 'telemarketing', 'member_gets_member', 'online'])[1 + pick(i, 19, 5)]
            as recruitment_channel
    from periods
)

select * from with_fee;
