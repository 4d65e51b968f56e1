-- Record in meta.settings the snapshot files marts.dim_person and marts.fct_role_periods were built from
-- (persons_members_file, persons_activists_file): the next build compares the latest snapshots with them
-- (sql/marts/persons_updatable.sql, sql/marts/person_changes.sql).
delete from meta.settings where name in ('persons_members_file', 'persons_activists_file');
insert into meta.settings
select 'persons_' || source || '_file', file_id::varchar
from staging.stg_files
where source in ('members', 'activists') and recency = 1;
