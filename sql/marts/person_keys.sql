-- person_keys: the surrogate key registry. Every person_key of the staged members, activists and actions gets
-- a person_sk the first time a build sees it and keeps it in every later build, so that the marts of two
-- builds can be compared person by person (kpi.movement_marts). Never emptied: a key that
-- leaves the exports keeps its number, unused.
-- Of the staged actions only the rows staged after file actions_known_through are read (kpi.movement_marts): the
-- builds before registered the keys of the others. Every row counts when variable actions_known_through is 0
-- or unset.
-- Grain: one row per person_key ever seen. Inputs: staging.stg_members, staging.stg_activists,
-- staging.stg_actions, marts.person_keys.
insert into marts.person_keys
with staged_keys as (
    select person_key from staging.stg_members
    union
    select person_key from staging.stg_activists
    union
    select person_key from staging.stg_actions
    where file_id > coalesce(getvariable('actions_known_through'), 0) and person_key is not null
),

new_keys as (
    select person_key from staged_keys
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
