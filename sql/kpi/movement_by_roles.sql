-- kpi.movement_by_roles: the movement by role overlap (member only, activist only, supporter only and
-- every combination). Grain: one row per period per combination. Input: movement_persons.
create or replace table kpi.movement_by_roles as
with labelled as (
    select
        period_end,
        concat_ws('+',
            case when is_member then 'member' end,
            case when is_activist then 'activist' end,
            case when is_supporter then 'supporter' end) as roles
    from movement_persons
)

select period_end, roles, count(*) as persons
from labelled
group by all
order by period_end, roles;
