-- movement_cells, updated: the cells of the build before for the periods this run still has, plus what the
-- changed persons contribute now, minus what they contributed before, plus the periods new to this run
-- counted over every person. Equal to a count from scratch (tests/test_movement_cells.py): every cell is a
-- number of persons, and only the changed persons' contributions can differ. Zero counts are left out.
-- Drops the marts.*_previous tables and the view action_days_previous (kpi.movement_marts), and ends with one
-- row for the log: changed persons, kept and added periods.
-- Grain: one row per period_end per measure per category.
-- Inputs: marts.movement_cells, kept_periods, added_periods, movement_changes, contributions_now,
-- contributions_before, contributions_added.
create or replace temp table movement_cells_next as
with terms as (
    select c.period_end, c.measure, c.category, c.persons
    from marts.movement_cells as c
    semi join kept_periods as k using (period_end)
    union all
    select period_end, measure, category, persons from contributions_now
    union all
    select period_end, measure, category, -persons from contributions_before
    union all
    select period_end, measure, category, persons from contributions_added
),

summed as (
    select period_end, measure, category, sum(persons)::bigint as persons
    from terms
    group by all
)

select * from summed where persons <> 0;

create or replace table marts.movement_cells as
select * from movement_cells_next order by period_end, measure, category;

drop table movement_cells_next;
drop table marts.dim_person_previous;
drop table marts.fct_role_periods_previous;
drop view action_days_previous;

select
    (select count(*) from movement_changes) as changed_persons,
    (select count(*) from kept_periods) as kept_periods,
    (select count(*) from added_periods) as added_periods;
