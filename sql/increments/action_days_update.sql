-- fct_action_days, updated: the build before counted every action (sql/marts/fct_action_days.sql) and this
-- build's staging merge only replaced or added the rows of the new files. Only the persons of those rows
-- (action_days_touched: the rows the merge took out, merge_replaced_actions, and the rows it staged from
-- files after actions_known_through) are counted again; the days of everyone else cannot have changed.
-- Leaves the touched persons' days of the build before in action_days_before (sql/increments/action_days_changes.sql)
-- and ends with one row for the log: the number of touched persons.
-- Grain: one row per person per action date. Inputs: marts.fct_action_days, staging.stg_actions,
-- merge_replaced_actions, marts.person_keys, variable actions_known_through.
create or replace temp table action_days_touched as
with touched_keys as (
    select person_key from merge_replaced_actions
    union
    select person_key from staging.stg_actions where file_id > getvariable('actions_known_through')
)

select k.person_key, k.person_sk
from marts.person_keys as k
semi join touched_keys as t using (person_key);

create or replace temp table action_days_before as
select d.person_sk, d.action_date
from marts.fct_action_days as d
semi join action_days_touched as t using (person_sk);

delete from marts.fct_action_days
where person_sk in (select person_sk from action_days_touched);

insert into marts.fct_action_days
select distinct t.person_sk, a.action_date
from staging.stg_actions as a
inner join action_days_touched as t using (person_key);

select count(*) as touched_persons from action_days_touched;
