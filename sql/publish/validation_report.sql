-- The rows of the validation report (validation.html): every check on every file this run looked at.
-- Grain: one row per file per check (a file without checks: one row). Inputs: meta.files, meta.file_checks.
select
    f.file_name, f.status, f.rows, f.reason,
    c.check_name, c.column_name, c.severity, c.passed, c.failed_rows, c.first_rows, c.message
from meta.files as f
left join meta.file_checks as c using (file_id)
where f.run_id = $run_id
order by f.file_id, c.passed nulls first, c.severity, c.check_name
