-- kpi.movement_by_age_band: the movement by age band (age = year(d) - birth year, as for youth_share).
-- Grain: one row per period per age band. Inputs: movement_persons, marts.dim_person.
create or replace table kpi.movement_by_age_band as
with aged as (
    select
        m.period_end,
        case
            when d.birth_year is null then 'unknown'
            when year(m.period_end) - d.birth_year < 20 then 'under 20'
            when year(m.period_end) - d.birth_year < 30 then '20-29'
            when year(m.period_end) - d.birth_year < 45 then '30-44'
            when year(m.period_end) - d.birth_year < 65 then '45-64'
            else '65 and over'
        end as age_band
    from movement_persons as m
    inner join marts.dim_person as d using (person_sk)
)

select period_end, age_band, count(*) as persons
from aged
group by all
order by period_end, age_band;
