-- kpi.movement_by_{breakdown} (a template for the breakdowns roles, activist_type, age_band, region): the
-- movement by one category of marts.movement_cells (measure {category}): role overlap; activist type (a person
-- registered with two types counts in both); age band (age = year(d) - birth year, as for youth_share); postal
-- region (first digit of PC4, 'unknown' without one).
-- Grain: one row per period per {category}. Input: marts.movement_cells.
create or replace table kpi.movement_by_{breakdown} as
with breakdown as (
    select period_end, category as {category}, persons
    from marts.movement_cells
    where measure = '{category}'
)

select period_end, {category}, persons
from breakdown
order by period_end, {category};
