-- Report: the data quality of the last run per source: files loaded and rejected by the run, the latest
-- accepted export and the freshness state. Grain: one row per source.
-- Inputs: kpi.source_freshness, meta.files. Parameter: run_id.
select
    f.source,
    count(m.file_id) filter (where m.status = 'loaded') as files_loaded,
    count(m.file_id) filter (where m.status = 'rejected') as files_rejected,
    f.latest_export,
    f.state_at_as_of as state
from kpi.source_freshness as f
left join meta.files as m on m.source = f.source and m.run_id = $run_id
group by f.source, f.latest_export, f.state_at_as_of
order by f.source
