-- movement_cells: the movement counts of every period (sql/marts/movement_contributions.sql), counted over
-- every person. kpi.movement and its breakdowns read them. Zero counts are left out, as in an update.
-- Grain: one row per period_end per measure per category. Input: movement_contributions (all persons).
create or replace table marts.movement_cells as
select period_end, measure, category, persons
from movement_contributions
where persons <> 0
order by period_end, measure, category;
