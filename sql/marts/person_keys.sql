-- person_keys: the surrogate key registry. Every person_key of the staged members, activists and actions gets
-- a person_sk the first time a build sees it and keeps it in every later build, so that the marts of two
-- builds can be compared person by person (kpi.movement_cells). Never emptied: a key that
-- leaves the exports keeps its number, unused.
-- Also leaves the keys staged now in the temp table staged_person_keys, for sql/marts/dim_person.sql.
-- Grain: one row per person_key ever seen. Inputs: staging.stg_members, staging.stg_activists,
-- staging.stg_actions, marts.person_keys.
create or replace temp table staged_person_keys as
select person_key from staging.stg_members
union
select person_key from staging.stg_activists
union
select person_key from staging.stg_actions where person_key is not null;

insert into marts.person_keys
with new_keys as (
    select person_key from staged_person_keys
    anti join marts.person_keys using (person_key)
),

numbered as (
    select
        person_key,
        (select coalesce(max(person_sk), 0) from marts.person_keys)
            + row_number() over (order by person_key) as person_sk
    from new_keys
)

select person_key, person_sk from numbered;
