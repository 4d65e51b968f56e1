-- kpi.movement_by_age_band: the movement by age band (age = year(d) - birth year, as for youth_share).
-- Grain: one row per period per age band. Input: marts.movement_cells.
create or replace table kpi.movement_by_age_band as
with breakdown as (
    select period_end, category as age_band, persons
    from marts.movement_cells
    where measure = 'age_band'
)

select period_end, age_band, persons
from breakdown
order by period_end, age_band;
