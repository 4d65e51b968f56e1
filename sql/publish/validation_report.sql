-- The rows of the validation report (validation.html): every check on every file this run looked at, and on
-- every open rejection of an earlier run. Grain: one row per file per check (a file without checks: one row).
-- Inputs: meta.files, meta.file_checks, kpi.open_rejections. Parameter: run_id.
with shown as (
    select f.*, f.run_id = $run_id as this_run, o.file_id is not null as open_rejection
    from meta.files as f
    left join kpi.open_rejections as o using (file_id)
    where f.run_id = $run_id or o.file_id is not null
)

select
    s.file_id, s.source, s.file_name, s.export_date, s.status, s.rows, s.reason, s.this_run, s.open_rejection,
    c.check_name, c.column_name, c.severity, c.passed, c.failed_rows, c.first_rows, c.examples, c.message
from shown as s
left join meta.file_checks as c using (file_id)
order by s.file_id, c.passed nulls first, c.severity, c.check_name
