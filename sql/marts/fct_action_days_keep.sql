-- Before marts.fct_action_days is counted again from every action (kpi.action_days): its rows as
-- action_days_before, and every person as touched, for sql/marts/action_days_changes.sql.
-- Grain: action_days_before one row per person per action date; action_days_touched one row per person.
-- Inputs: marts.fct_action_days, marts.person_keys.
create or replace temp table action_days_before as
select person_sk, action_date from marts.fct_action_days;

create or replace temp table action_days_touched as
select person_key, person_sk from marts.person_keys;
