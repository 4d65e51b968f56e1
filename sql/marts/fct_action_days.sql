-- fct_action_days: the days on which a known person took part in at least one action (anonymous
-- participations cannot make anyone a supporter), counted from every staged action (kpi.movement_marts
-- updates it with sql/increments/action_days_update.sql when it can).
-- Grain: one row per person per action date. Inputs: staging.stg_actions, marts.person_keys.
create or replace table marts.fct_action_days as
with keyed as (
    -- the inner join leaves out anonymous participations (no person_key); keys map one to one onto person_sk
    select distinct k.person_sk, a.action_date
    from staging.stg_actions as a
    inner join marts.person_keys as k using (person_key)
)

select * from keyed;
