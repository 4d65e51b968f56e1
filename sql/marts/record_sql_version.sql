-- Record in meta.settings the version (variable sql_version) of the SQL a table kept from build to build was
-- last computed with (variable sql_version_setting: 'movement_cells_sql', 'action_days_sql'), which the next
-- build compares before updating the table.
delete from meta.settings where name = getvariable('sql_version_setting');
insert into meta.settings values (getvariable('sql_version_setting'), getvariable('sql_version'));
