-- sample_spending: general-ledger cost lines. Grain: one row per ledger entry.
-- Lines fall on cost centers by weight and on accounts by their share of the costs (personnel about a fifth:
-- near EUR 90k per FTE of sample_staff at scale 1.0); amounts average about EUR 520; 0.5% are credits.
-- Fundraising lines carry the year's campaign code, as the gifts they raise do.
create or replace table sample_spending as
with centers as (
    select
        cost_center, any_value(name) as name, any_value(weight) as weight
    from sample_cost_centers
    group by cost_center
),

bands as (
    select
        cost_center, name,
        sum(weight) over (order by cost_center) - weight as lo,
        sum(weight) over (order by cost_center) as hi
    from centers
),

draws as (
    select
        range as r,
        between_dates(getvariable('sample_events_start'), getvariable('sample_end'), rnd(range, 1)) as booking_date,
        rnd(range, 2) * (select sum(weight) from centers) as u
    from range(getvariable('sample_spending')::bigint)
),

lines as (
    select
        'E' || lpad(d.r::varchar, 9, '0') as entry_id,
        d.booking_date,
        case
            when rnd(d.r, 3) < 0.21 then '4000'
            when rnd(d.r, 3) < 0.31 then '4100'
            when rnd(d.r, 3) < 0.51 then '4200'
            when rnd(d.r, 3) < 0.66 then '4300'
            when rnd(d.r, 3) < 0.74 then '4500'
            else '4800'
        end as account,
        b.cost_center,
        round((1 + 520 * -ln(1 - rnd(d.r, 4))) * case when rnd(d.r, 5) < 0.005 then -1 else 1 end, 2)::decimal(18, 2)
            as amount,
        (['Inhuur café-zaal', 'Drukwerk folders', 'Advertenties online', 'Reiskosten', 'Licenties software',
          'Bijdrage € internationaal'])[1 + pick(d.r, 6, 6)] || ' ' || b.name as description,
        case when b.cost_center in ('CC200', 'CC300') and rnd(d.r, 7) < 0.5 then 'CAMP-' || year(d.booking_date) end
            as campaign_code
    from draws as d
    inner join bands as b on d.u >= b.lo and d.u < b.hi
)

select * from lines order by booking_date, entry_id;
