-- fct_role_periods: membership periods and activist registrations as one list of role periods.
-- Grain: one row per membership period or activist registration.
-- Inputs: marts.person_keys, staging.stg_members, staging.stg_activists.
create or replace table marts.fct_role_periods as
with member_periods as (
    select person_key, 'member' as role, member_since as valid_from, member_until as valid_until,
        null::varchar as activist_type
    from staging.stg_members
),

activist_periods as (
    select person_key, 'activist' as role, activist_since as valid_from, activist_until as valid_until,
        activist_type
    from staging.stg_activists
),

role_periods as (
    select w.person_sk, r.role, r.valid_from, coalesce(r.valid_until, date '9999-12-31') as valid_until,
        r.activist_type
    from (select * from member_periods union all select * from activist_periods) as r
    inner join marts.person_keys as w using (person_key)
)

select * from role_periods;
