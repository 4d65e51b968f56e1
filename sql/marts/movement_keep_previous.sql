-- Before the marts are rebuilt: keep the movement inputs the cells were counted from as marts.*_previous, for
-- sql/marts/movement_changes.sql. sql/marts/movement_cells_update.sql drops them again.
drop table if exists marts.dim_person_previous;
drop table if exists marts.fct_role_periods_previous;
drop table if exists marts.fct_action_days_previous;
alter table marts.dim_person rename to dim_person_previous;
alter table marts.fct_role_periods rename to fct_role_periods_previous;
alter table marts.fct_action_days rename to fct_action_days_previous;
