-- dim_person: every person known to members, activists or actions, with the compact surrogate key of
-- marts.person_keys, the birth year and the PC4 postcode that win by the rules of kpis.md.
-- Grain: one row per person_key. Inputs: staged_person_keys (the keys in staging, sql/marts/person_keys.sql),
-- staging.stg_members, staging.stg_activists, marts.person_keys.
-- Birth year (and PC4): members rows first, else activists rows; where rows disagree the row with the latest
-- start date wins, on a tie the larger birth year; rows without a value are passed over.
create or replace table marts.dim_person as
with keys as (
    select person_key from staged_person_keys
),

profile_rows as (
    select person_key, birth_year, pc4, 1 as source_rank, member_since as start_date from staging.stg_members
    union all
    select person_key, birth_year, pc4, 2 as source_rank, activist_since as start_date from staging.stg_activists
),

birth as (
    select person_key, birth_year
    from profile_rows
    where birth_year is not null
    qualify row_number() over (
        partition by person_key order by source_rank, start_date desc, birth_year desc
    ) = 1
),

region as (
    select person_key, pc4
    from profile_rows
    where pc4 is not null
    qualify row_number() over (partition by person_key order by source_rank, start_date desc, pc4 desc) = 1
),

people as (
    select
        k.person_sk,
        keys.person_key,
        birth.birth_year,
        region.pc4,
        left(region.pc4, 1) as postal_region
    from keys
    inner join marts.person_keys as k using (person_key)
    left join birth using (person_key)
    left join region using (person_key)
)

select * from people;
