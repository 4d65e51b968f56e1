-- action_days_changed and action_days_previous (temp), for the movement cells' update (kpi.movement_marts):
-- the persons whose action days differ from the build before, and the action days of the build before.
-- Only the persons in action_days_touched can differ; action_days_before holds their days of the build before.
-- Grain: action_days_changed one row per person_sk; action_days_previous one row per person per action date.
-- Inputs: marts.fct_action_days, action_days_touched, action_days_before (kpi.movement_marts).
create or replace temp table action_days_changed as
with days_now as (
    select d.person_sk, d.action_date
    from marts.fct_action_days as d
    semi join action_days_touched as t using (person_sk)
),

changed as (
    select person_sk from (from days_now except from action_days_before)
    union
    select person_sk from (from action_days_before except from days_now)
)

select person_sk from changed;

create or replace temp view action_days_previous as
select d.person_sk, d.action_date
from marts.fct_action_days as d
anti join action_days_touched as t using (person_sk)
union all
select person_sk, action_date from action_days_before;
