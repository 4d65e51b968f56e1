-- sample_staff: employment contracts. Grain: one row per contract. Not scaled: about 73 structural FTE (the
-- formation) and a flexible layer of temporary project contracts, with the personal columns an HR export
-- holds (never stored). Some structural employees hold a second, temporary contract beside their own.
create or replace table sample_staff as
with departments as (
    select * from (values
        ('Campagnes', 19), ('Onderzoek en lobby', 15), ('Fondsenwerving', 15), ('Communicatie', 10),
        ('Educatie', 7), ('Bedrijfsvoering', 13), ('Directie', 4)
    ) as t(department, heads)
),

structural as (
    select
        row_number() over (order by d.department, h.n) as i,
        d.department
    from departments as d
    cross join lateral (select unnest(range(d.heads)) as n) as h
),

contracts as (
    select
        'EMP' || lpad(i::varchar, 4, '0') as employee_id,
        between_dates('2008-01-01', '2021-12-31', rnd(i, 21)) as start_date,
        null::date as end_date,
        (['1.0', '1.0', '0.888889', '0.8', '0.9', '0.6'])[1 + pick(i, 22, 6)]::decimal(18, 6) as fte,
        'permanent' as contract_type,
        'yes' as structural,
        department,
        i
    from structural
    union all
    select
        'EMP' || lpad((200 + k)::varchar, 4, '0'),
        between_dates('2020-01-01', getvariable('sample_end'), rnd(k, 23)),
        null,
        (['1.0', '0.8', '0.5'])[1 + pick(k, 24, 3)]::decimal(18, 6),
        'temporary',
        'no',
        (['Campagnes', 'Onderzoek en lobby', 'Educatie'])[1 + pick(k, 25, 3)],
        200 + k
    from range(40) as t(k)
)

select
    employee_id,
    start_date,
    -- temporary contracts run 6 to 24 months
    case when contract_type = 'temporary'
        then least(start_date + to_months(6 + pick(i, 26, 19))::interval, getvariable('sample_end')::date + 400)::date
    end as end_date,
    fte, contract_type, structural, department,
    between_dates('1960-01-01', '2000-12-31', rnd(i, 27)) as birth_date,
    'employee' || i || '@example.org' as email,
    'NL' || lpad(pick(i, 28, 100)::varchar, 2, '0') || 'RABO' || lpad(pick(i, 29, 10000000000)::varchar, 10, '0') as iban,
    round(2800 + rnd(i, 30) * 3200, 2)::decimal(18, 2) as salary
from contracts
where start_date <= getvariable('sample_end')::date
order by employee_id;
