-- fct_action_days: the days on which a known person took part in at least one action (anonymous
-- participations cannot make anyone a supporter). Grain: one row per person per action date.
-- Inputs: staging.stg_actions, marts.dim_person.
create or replace table marts.fct_action_days as
with keyed as (
    -- the inner join leaves out anonymous participations (no person_key); keys map one to one onto person_sk
    select distinct d.person_sk, a.action_date
    from staging.stg_actions as a
    inner join marts.dim_person as d using (person_key)
)

select * from keyed;
