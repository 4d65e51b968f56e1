-- kpi.movement_by_roles: the movement by role overlap (member only, activist only, supporter only and
-- every combination). Grain: one row per period per combination. Input: marts.movement_cells.
create or replace table kpi.movement_by_roles as
with breakdown as (
    select period_end, category as roles, persons
    from marts.movement_cells
    where measure = 'roles'
)

select period_end, roles, persons
from breakdown
order by period_end, roles;
