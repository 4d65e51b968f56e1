-- fct_action_days: the days on which a known person took part in at least one action (anonymous
-- participations cannot make anyone a supporter). Grain: one row per person per action date.
-- Inputs: staging.stg_actions, marts.dim_person.
create or replace table marts.fct_action_days as
with identified as (
    select distinct person_key, action_date
    from staging.stg_actions
    where person_key is not null
),

keyed as (
    select d.person_sk, i.action_date
    from identified as i
    inner join marts.dim_person as d using (person_key)
)

select * from keyed;
