-- kpi status: the 20 most recent files that were rejected, skipped or ignored, with the reason.
-- Input: meta.files.
select file_name, status, strftime(recorded_at, '%Y-%m-%d %H:%M') as recorded, left(reason, 160) as reason
from meta.files
where status in ('rejected', 'duplicate', 'ignored')
order by file_id desc
limit 20;
