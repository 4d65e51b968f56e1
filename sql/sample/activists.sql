-- sample_activists: activist registrations. Grain: one row per registration.
-- 52% of people register as activist some time after joining; a quarter of registrations end.
create or replace table sample_activists as
with registrations as (
    select
        p.*,
        least(joined_on + pick(i, 21, 400)::integer, getvariable('sample_end')::date) as activist_since,
        rnd(i, 22) < 0.25 as ends
    from sample_people as p
    where rnd(i, 20) < 0.52
),

typed as (
    select
        i, person_id, birth_date, postcode, email, activist_since,
        case
            when ends and activist_since + 90 + pick(i, 23, 1500)::integer <= getvariable('sample_end')::date
                then activist_since + 90 + pick(i, 23, 1500)::integer
        end as activist_until,
        (['action_network', 'action_network', 'action_network', 'local_group', 'volunteer', 'organizer',
          'student_group', 'peer_educator'])[1 + pick(i, 24, 8)] as activist_type
    from registrations
)

select * from typed;
