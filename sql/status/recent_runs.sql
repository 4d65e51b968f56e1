-- kpi status: the 10 most recent runs. Input: runs (status snapshot).
select run_id, command, as_of, strftime(started_at, '%Y-%m-%d %H:%M') as started,
    round(epoch(finished_at - started_at), 1) as seconds, status,
    files_loaded as loaded, files_rejected as rejected, files_skipped as skipped
from runs
order by started_at desc
limit 10;
