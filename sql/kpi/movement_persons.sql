-- movement_persons (temp): the persons in the movement at each period with their roles.
-- Grain: one row per period per person. Inputs: marts.periods, marts.fct_role_periods, supporter_persons.
create or replace temp table movement_persons as
with role_holders as (
    select
        p.period_end,
        r.person_sk,
        bool_or(r.role = 'member') as is_member,
        bool_or(r.role = 'activist') as is_activist
    from marts.periods as p
    inner join marts.fct_role_periods as r on r.valid_from <= p.period_end and r.valid_until >= p.period_end
    group by p.period_end, r.person_sk
),

supporters as (
    select s.eval_date as period_end, s.person_sk, true as is_supporter
    from supporter_persons as s
    semi join marts.periods as p on p.period_end = s.eval_date
),

persons as (
    select
        period_end,
        person_sk,
        coalesce(r.is_member, false) as is_member,
        coalesce(r.is_activist, false) as is_activist,
        coalesce(s.is_supporter, false) as is_supporter
    from role_holders as r
    full outer join supporters as s using (period_end, person_sk)
)

select * from persons;
