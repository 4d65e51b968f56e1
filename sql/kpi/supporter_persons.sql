-- supporter_persons (temp): who is a supporter at each evaluation date: every period and the date 12 months
-- before it (for supporter_retention). A supporter at d has an action with d - 12 months < action_date <= d.
-- Grain: one row per evaluation date per person. Inputs: marts.periods, marts.fct_action_days.
create or replace temp table supporter_persons as
with evaluation_dates as (
    select period_end as eval_date from marts.periods
    union
    select twelve_months_before as eval_date from marts.periods
),

windows as (
    select eval_date, (eval_date - interval 12 month)::date as window_start
    from evaluation_dates
),

supporters as (
    select distinct w.eval_date, a.person_sk
    from marts.fct_action_days as a
    inner join windows as w on a.action_date > w.window_start and a.action_date <= w.eval_date
)

select * from supporters;
