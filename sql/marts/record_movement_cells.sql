-- Record in meta.settings the version of the SQL the movement cells were counted with (variable
-- movement_cells_sha), which sql/marts/movement_updatable.sql compares.
delete from meta.settings where name = 'movement_cells_sql';
insert into meta.settings values ('movement_cells_sql', getvariable('movement_cells_sha'));
