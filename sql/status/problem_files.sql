-- kpi status: the 20 most recent files that were rejected, skipped or ignored, with the reason.
-- Input: files (status snapshot).
select file_name, status, strftime(recorded_at, '%Y-%m-%d %H:%M') as recorded, left(reason, 160) as reason
from files
where status in ('rejected', 'duplicate', 'ignored')
order by file_id desc
limit 20;
