-- Remember which loaded files each event source's staging table now reflects (read by staging/mergeable).
-- Inputs: meta.files, variable staging_sql_sha.
delete from meta.staged;

insert into meta.staged
select source, max(file_id), count(*), getvariable('staging_sql_sha')
from meta.files
where status = 'loaded' and source in ('actions', 'donations', 'spending')
group by source;
