-- Record in meta.settings what the movement's marts were built from, for the next build's
-- sql/increments/movement_updatable.sql: the version of their SQL (variable movement_sql) and the members and
-- activists snapshot files they read. Inputs: staging.stg_files, variable movement_sql.
delete from meta.settings where name in ('movement_sql', 'movement_members_file', 'movement_activists_file');

insert into meta.settings values ('movement_sql', getvariable('movement_sql'));

insert into meta.settings
select 'movement_' || source || '_file', file_id::varchar
from staging.stg_files
where source in ('members', 'activists') and recency = 1;
