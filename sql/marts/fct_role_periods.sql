-- fct_role_periods: membership periods and activist registrations as one list of role periods.
-- The rows of the persons in persons_wanted: every person (the whole table) or the persons whose inputs changed
-- since the build before (their rows replaced); kpi.persons decides.
-- Grain: one row per membership period or activist registration.
-- Inputs: persons_wanted (person_sk, person_key), staging.stg_members, staging.stg_activists.
with member_periods as (
    select person_key, 'member' as role, member_since as valid_from, member_until as valid_until,
        null::varchar as activist_type
    from staging.stg_members semi join persons_wanted using (person_key)
),

activist_periods as (
    select person_key, 'activist' as role, activist_since as valid_from, activist_until as valid_until,
        activist_type
    from staging.stg_activists semi join persons_wanted using (person_key)
),

role_periods as (
    select w.person_sk, r.role, r.valid_from, coalesce(r.valid_until, date '9999-12-31') as valid_until,
        r.activist_type
    from (select * from member_periods union all select * from activist_periods) as r
    inner join persons_wanted as w using (person_key)
)

select * from role_periods
