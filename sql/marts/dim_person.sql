-- dim_person: every person known to members, activists or actions, by the compact surrogate key of
-- marts.person_keys, with the birth year and the PC4 postcode that win by the rules of kpis.md. The 64-character
-- person_key stays in marts.person_keys.
-- Grain: one row per person_sk. Inputs: marts.person_keys, staging.stg_members, staging.stg_activists,
-- marts.fct_action_days (the persons of the keyed actions).
-- Birth year (and PC4): members rows first, else activists rows; where rows disagree the row with the latest
-- start date wins (a row without one loses), on a tie the larger value; rows without a value are passed over.
create or replace table marts.dim_person as
with profile_rows as (
    select person_key, birth_year, pc4, 1 as source_rank, member_since as start_date
    from staging.stg_members
    union all
    select person_key, birth_year, pc4, 2 as source_rank, activist_since as start_date
    from staging.stg_activists
),

profiles as (
    -- arg_max of a struct ranks by its fields in order: source, then start date, then the value itself
    select
        person_key,
        arg_max(birth_year, {'source': -source_rank, 'start': coalesce(start_date, date '0001-01-01'),
            'value': birth_year}) filter (where birth_year is not null) as birth_year,
        arg_max(pc4, {'source': -source_rank, 'start': coalesce(start_date, date '0001-01-01'),
            'value': pc4}) filter (where pc4 is not null) as pc4
    from profile_rows
    group by person_key
),

keys as (
    select k.person_sk from marts.person_keys as k semi join profiles using (person_key)
    union
    select distinct person_sk from marts.fct_action_days
),

people as (
    select
        w.person_sk,
        p.birth_year,
        p.pc4,
        left(p.pc4, 1) as postal_region
    from keys
    inner join marts.person_keys as w using (person_sk)
    left join profiles as p using (person_key)
)

select * from people;
