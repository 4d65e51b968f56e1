-- kpi.movement_by_activist_type: activists by activist type (a person with registrations of two types
-- counts in both). Grain: one row per period per activist_type. Inputs: marts.periods, marts.fct_role_periods.
create or replace table kpi.movement_by_activist_type as
with active as (
    select distinct p.period_end, r.activist_type, r.person_sk
    from marts.periods as p
    inner join marts.fct_role_periods as r
        on r.role = 'activist' and r.valid_from <= p.period_end and r.valid_until >= p.period_end
)

select period_end, activist_type, count(*) as persons
from active
group by all
order by period_end, activist_type;
