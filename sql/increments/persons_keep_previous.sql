-- Before marts.dim_person and marts.fct_role_periods change: keep the rows of the persons in person_changes, what
-- the movement cells were counted from, as marts.*_previous for sql/increments/movement_changes.sql;
-- sql/increments/movement_cells_update.sql drops them again. The action days keep their own
-- (sql/increments/action_days_changes.sql: action_days_previous).
-- Grain: as the two tables. Inputs: marts.dim_person, marts.fct_role_periods, person_changes.
drop table if exists marts.dim_person_previous;
drop table if exists marts.fct_role_periods_previous;
create table marts.dim_person_previous as
select * from marts.dim_person semi join person_changes using (person_sk);
create table marts.fct_role_periods_previous as
select * from marts.fct_role_periods semi join person_changes using (person_sk);
