-- Remember which loaded files each event source's staging table now reflects (read by increments/staging_mergeable).
-- Inputs: meta.files, variables staging_sql_sha and mergeable_sources (the event sources, kpi.models).
delete from meta.staged;

insert into meta.staged
select source, max(file_id), count(*), getvariable('staging_sql_sha')
from meta.files
where status = 'loaded' and list_contains(getvariable('mergeable_sources'), source)
group by source;
