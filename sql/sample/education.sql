-- sample_education: human-rights education activities. Grain: one row per activity. About 3,600 a year at
-- scale 1.0 reaching some 28 pupils each (about 100,000 a year), fewer in the summer holidays.
create or replace table sample_education as
with draws as (
    select
        range as r,
        between_dates(getvariable('sample_events_start'), getvariable('sample_end'), rnd(range, 41)) as activity_date
    from range(greatest(round(25000 * getvariable('sample_scale')), 50)::bigint)
)

select
    'EDU' || lpad(r::varchar, 7, '0') as activity_id,
    activity_date,
    (['primary', 'secondary', 'secondary', 'vocational', 'higher', 'other'])[1 + pick(r, 42, 6)] as school_level,
    (['guest_lesson', 'guest_lesson', 'masterclass', 'teacher_training', 'dialogue', 'online_module'])[1 + pick(r, 43, 6)]
        as activity_type,
    (8 + pick(r, 44, 41))::bigint as participants,
    case when rnd(r, 45) < 0.3 then 'EDU-' || year(activity_date) end as campaign_code
from draws
where month(activity_date) not in (7, 8) or rnd(r, 46) < 0.2
order by activity_date, activity_id;
