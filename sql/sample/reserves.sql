-- sample_reserves: reserves and funds at every month-end, scaled like the costs. Grain: one row per
-- (balance_date, reserve). The continuity reserve stays near 1.2 x the costs of the working organisation
-- (inside the 1.5 norm); an earmarked reserve and fund move with the projects.
create or replace table sample_reserves as
with balance_dates as (
    select last_day(m::date) as balance_date
    from range(getvariable('sample_events_start')::timestamp, getvariable('sample_end')::timestamp, interval 1 month) as t(m)
),

reserves as (
    select * from (values
        ('continuiteitsreserve', 'continuity', 17500000, 0.02),
        ('bestemmingsreserve projecten', 'earmarked_reserve', 2500000, 0.15),
        ('bestemmingsfonds noodhulp', 'earmarked_fund', 800000, 0.40),
        ('overige reserve', 'other', 150000, 0.05)
    ) as t(reserve, reserve_type, level, swing)
)

select
    b.balance_date,
    r.reserve,
    r.reserve_type,
    round(r.level * (1 + r.swing * (rnd(epoch(b.balance_date)::bigint, hash(r.reserve)) - 0.5)) * getvariable('sample_scale'), 2)
        ::decimal(18, 2) as amount
from balance_dates as b
cross join reserves as r
where b.balance_date <= getvariable('sample_end')::date
order by b.balance_date, r.reserve;
