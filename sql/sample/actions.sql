-- sample_actions: participations in actions. Grain: one row per participation.
-- A participation on date t is by a person who had joined by t; 15% are anonymous.
create or replace table sample_actions as
with draws as (
    select
        range as r,
        between_dates(getvariable('sample_events_start'), getvariable('sample_end'), rnd(range, 1)) as action_date
    from range(getvariable('sample_actions')::bigint)
),

participations as (
    select
        r,
        'A' || lpad(r::varchar, 9, '0') as participation_id,
        case when rnd(r, 2) >= 0.15 then joined_index(action_date, rnd(r, 3)) end as i,
        action_date,
        (['petition', 'petition', 'petition', 'letter', 'online_action', 'online_action', 'demonstration',
          'event', 'education', 'collection', 'other'])[1 + pick(r, 4, 11)] as action_type
    from draws
),

described as (
    select
        a.participation_id,
        p.person_id,
        a.action_date,
        (['W4R', 'STOP-REPRESSIE', 'KLIMAAT-RECHT', 'VLUCHTELINGEN', 'PROTEST'])[1 + pick(a.r, 5, 5)]
            || '-' || year(a.action_date) as action_code,
        a.action_type,
        case when a.action_type in ('petition', 'online_action') then 'online' else 'offline' end as channel,
        p.email
    from participations as a
    left join sample_people as p using (i)
)

select * from described order by action_date, participation_id;
