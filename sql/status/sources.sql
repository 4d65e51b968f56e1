-- kpi status: per source, the files loaded and rejected and the latest accepted export. Input: files (status snapshot).
select
    source,
    count(*) filter (where status = 'loaded') as files_loaded,
    count(*) filter (where status = 'rejected') as files_rejected,
    max(export_date) filter (where status = 'loaded') as latest_export,
    sum(rows) filter (where status = 'loaded') as rows_loaded,
    arg_max(status, file_id) as latest_file_status
from files
where source is not null
group by source
order by source;
