-- Before the marts are rebuilt: keep the movement inputs the cells were counted from as marts.*_previous, for
-- sql/marts/movement_changes.sql. sql/marts/movement_cells_update.sql drops them again. The action days keep
-- their own (kpi.action_days: action_days_previous), as most nights change only a few persons' days; a
-- marts.fct_action_days_previous left by a build from before that is dropped.
drop table if exists marts.dim_person_previous;
drop table if exists marts.fct_role_periods_previous;
drop table if exists marts.fct_action_days_previous;
alter table marts.dim_person rename to dim_person_previous;
alter table marts.fct_role_periods rename to fct_role_periods_previous;
