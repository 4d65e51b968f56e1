-- kpi.movement_by_region: the movement by postal region (first digit of PC4; 'unknown' without one).
-- Grain: one row per period per postal region. Inputs: movement_persons, marts.dim_person.
create or replace table kpi.movement_by_region as
with located as (
    select m.period_end, coalesce(d.postal_region, 'unknown') as postal_region
    from movement_persons as m
    inner join marts.dim_person as d using (person_sk)
)

select period_end, postal_region, count(*) as persons
from located
group by all
order by period_end, postal_region;
