-- kpi status: failed checks of the 20 most recently recorded files (errors and warnings).
-- Inputs: files, file_checks (status snapshot).
select f.file_name, c.severity, c.check_name, c.column_name, c.failed_rows, c.first_rows
from file_checks as c
inner join files as f using (file_id)
where not coalesce(c.passed, false)
order by f.file_id desc, c.severity, c.check_name
limit 20;
