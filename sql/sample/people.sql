-- sample_people: the generated population. Grain: one row per person.
-- Person i joins the movement on joined_on, increasing with i: 74% before 2022, the rest by the end date,
-- so the movement grows from about 370,000 (end 2021) to about 500,000 at scale 1.0.
create or replace table sample_people as
with ids as (
    select range as i from range(getvariable('sample_people')::bigint)
),

people as (
    select
        i,
        'R' || lpad((1000000 + i)::varchar, 8, '0') as person_id,
        case
            when i < 0.74 * getvariable('sample_people')
                then between_dates('1985-01-01', '2021-12-31', sqrt(i / (0.74 * getvariable('sample_people'))))
            else between_dates('2022-01-01', getvariable('sample_end'),
                               (i - 0.74 * getvariable('sample_people')) / (0.26 * getvariable('sample_people')))
        end as joined_on,
        between_dates('1940-01-01', '2008-12-31', rnd(i, 3)) as birth_date,
        (1011 + pick(i, 4, 8980))::varchar || ' ' || chr(65 + pick(i, 5, 26)::integer)
            || chr(65 + pick(i, 6, 26)::integer) as postcode,
        'person' || i || '@example.org' as email
    from ids
)

select * from people;
