-- movement_changes (temp): the persons whose movement inputs differ between this build's marts and those
-- of the build before (marts.*_previous, kept by kpi.movement_marts for the persons in person_changes, the only ones
-- whose rows can differ; action_days_changed, by kpi.movement_marts),
-- and the periods the movement cells already hold (kept_periods) or still lack (added_periods). Role periods
-- are compared as sets: the movement counts only ask whether a person holds a role at a date, so a repeated
-- row changes nothing.
-- Grain: movement_changes one row per person_sk; kept_periods and added_periods one row per period_end.
-- Inputs: marts.dim_person, marts.fct_role_periods, the same two *_previous, person_changes, action_days_changed,
-- marts.periods, marts.movement_cells. Must compare every input column sql/marts/movement_contributions.sql reads.
create or replace temp table movement_changes as
with roles_now as (
    select person_sk, role, valid_from, valid_until, activist_type
    from marts.fct_role_periods semi join person_changes using (person_sk)
),

roles_before as (
    select person_sk, role, valid_from, valid_until, activist_type from marts.fct_role_periods_previous
),

people_now as (
    select person_sk, birth_year, postal_region from marts.dim_person semi join person_changes using (person_sk)
),

people_before as (
    select person_sk, birth_year, postal_region from marts.dim_person_previous
),

changed as (
    select person_sk from (from roles_now except from roles_before)
    union
    select person_sk from (from roles_before except from roles_now)
    union
    select person_sk from action_days_changed
    union
    select person_sk from (from people_now except from people_before)
    union
    select person_sk from (from people_before except from people_now)
)

select person_sk from changed;

create or replace temp table kept_periods as
select * from marts.periods
where period_end in (select period_end from marts.movement_cells);

create or replace temp table added_periods as
select * from marts.periods
where period_end not in (select period_end from marts.movement_cells);
