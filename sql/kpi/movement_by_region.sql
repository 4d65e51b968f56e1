-- kpi.movement_by_region: the movement by postal region (first digit of PC4; 'unknown' without one).
-- Grain: one row per period per postal region. Input: marts.movement_cells.
create or replace table kpi.movement_by_region as
with breakdown as (
    select period_end, category as postal_region, persons
    from marts.movement_cells
    where measure = 'postal_region'
)

select period_end, postal_region, persons
from breakdown
order by period_end, postal_region;
