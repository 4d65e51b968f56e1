-- kpi.movement_by_activist_type: activists by activist type (a person with registrations of two types
-- counts in both). Grain: one row per period per activist_type. Input: marts.movement_cells.
create or replace table kpi.movement_by_activist_type as
with breakdown as (
    select period_end, category as activist_type, persons
    from marts.movement_cells
    where measure = 'activist_type'
)

select period_end, activist_type, persons
from breakdown
order by period_end, activist_type;
