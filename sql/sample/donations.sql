-- sample_donations: every income booking. Grain: one row per transaction.
-- Membership fees and gifts from people who had joined; about 1% SEPA reversals; rare legacies and
-- major gifts; street collections (anonymous); quarterly Postcode Loterij payments (EUR 3.6M a year at
-- scale 1.0), yearly government grants and company gifts. Legacies, major gifts, grants and company gifts
-- are booked to the relationship managers' portfolios (sample_portfolios).
create or replace table sample_donations as
with draws as (
    select
        range as r,
        between_dates(getvariable('sample_events_start'), getvariable('sample_end'), rnd(range, 1)) as booking_date,
        rnd(range, 2) as u
    from range(getvariable('sample_donations')::bigint)
),

typed as (
    select
        r, booking_date,
        case
            when u < 0.55 then 'membership_fee'
            when u < 0.75 then 'recurring_gift'
            when u < 0.92 then 'gift'
            when u < 0.92005 then 'legacy'
            when u < 0.92007 then 'major_gift'
            when u < 0.9202 then 'company_gift'
            when u < 0.95 then 'collection'
            when u < 0.96 then 'crowdfunding'
            when u < 0.97 then 'sales'
            else 'other'
        end as income_type
    from draws
),

valued as (
    select
        r, booking_date, income_type,
        case income_type
            when 'membership_fee' then 3 + rnd(r, 4) * 17
            when 'recurring_gift' then 5 + rnd(r, 4) * 20
            when 'gift' then 5 + rnd(r, 4) * 35
            when 'legacy' then 2000 + rnd(r, 4) * 118000
            when 'major_gift' then 10000 + rnd(r, 4) * 50000
            when 'company_gift' then 250 + rnd(r, 4) * 4750
            when 'collection' then 5 + rnd(r, 4) * 55
            else 5 + rnd(r, 4) * 35
        end * case when income_type = 'membership_fee' and rnd(r, 5) < 0.018 then -1 else 1 end as amount,
        income_type not in ('collection', 'sales', 'other', 'company_gift') as identified
    from typed
),

portfolio_choices as (
    -- the portfolios that exist by the end date, per segment
    select segment, list(portfolio order by portfolio) as portfolios
    from sample_portfolios
    where started_on <= getvariable('sample_end')::date
    group by segment
),

people_rows as (
    select
        'T' || lpad(v.r::varchar, 10, '0') as transaction_id,
        p.person_id,
        v.booking_date,
        round(v.amount, 2)::decimal(18, 2) as amount,
        case v.income_type when 'sales' then 'tegenprestatie' when 'other' then 'overige' when 'company_gift' then 'bedrijven'
            else 'particulieren' end as income_source,
        case v.income_type when 'company_gift' then 'gift' else v.income_type end as income_type,
        case when v.income_type in ('gift', 'crowdfunding') then 'CAMP-' || year(v.booking_date) end as campaign_code,
        case when p.person_id is not null
            then 'NL' || lpad(pick(v.r, 7, 100)::varchar, 2, '0') || 'INGB' || lpad(pick(v.r, 8, 10000000000)::varchar, 10, '0')
        end as iban,
        c.portfolios[1 + pick(v.r, 9, len(c.portfolios))] as portfolio
    from valued as v
    left join portfolio_choices as c on c.segment = case v.income_type
        when 'legacy' then 'legacies' when 'major_gift' then 'major_donors' when 'company_gift' then 'companies' end
    left join sample_people as p on p.i = case when v.identified then joined_index(v.booking_date, rnd(v.r, 6)) end
),

institutional as (
    select
        'L' || strftime(q, '%Y%m') as transaction_id, null as person_id, (q + interval 1 month - interval 1 day)::date as booking_date,
        round(900000 * getvariable('sample_scale'), 2)::decimal(18, 2) as amount,
        'loterijorganisaties' as income_source, 'lottery' as income_type, null as campaign_code, null as iban,
        null as portfolio
    from range(date_trunc('quarter', getvariable('sample_events_start')::date), getvariable('sample_end')::date,
               interval 3 month) as t(q)
    union all
    select
        'S' || year(y), null, (y + interval 5 month + interval 14 day)::date,
        round(250000 * getvariable('sample_scale'), 2)::decimal(18, 2),
        'subsidies_overheden', 'grant', null, null, 'INST-01'
    from range(date_trunc('year', getvariable('sample_events_start')::date), getvariable('sample_end')::date,
               interval 1 year) as t(y)
)

select * from people_rows
union all
select * from institutional where booking_date <= getvariable('sample_end')::date
order by booking_date, transaction_id;
