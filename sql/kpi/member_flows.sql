-- kpi.member_flows: membership periods starting (joined) and ending (left) per calendar month, up to the
-- as-of date. Grain: one row per month (its last day). Inputs: marts.periods, staging.stg_members.
create or replace table kpi.member_flows as
with months as (
    select distinct last_day(period_end) as month_end, date_trunc('month', period_end)::date as month_start,
        period_end as through
    from marts.periods
),

joined as (
    select m.month_end, count(s.member_since) as joined
    from months as m
    left join staging.stg_members as s on s.member_since between m.month_start and m.through
    group by m.month_end
),

left_ as (
    select m.month_end, count(s.member_until) as left_
    from months as m
    left join staging.stg_members as s on s.member_until between m.month_start and m.through
    group by m.month_end
)

select month_end, joined, left_ as "left"
from joined
inner join left_ using (month_end)
order by month_end;
