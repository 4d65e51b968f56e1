-- kpi.open_rejections: the rejected files nothing has been accepted in place of yet. A rejection stays open
-- until a file of the same source with the same or a later export date is accepted after it.
-- Grain: one row per rejected file. Input: meta.files.
create or replace table kpi.open_rejections as
with rejected as (
    select file_id, run_id, source, file_name, export_date, rows, reason, recorded_at
    from meta.files
    where status = 'rejected'
),

still_open as (
    select r.*
    from rejected as r
    where not exists (
        select 1
        from meta.files as a
        where a.source = r.source and a.export_date >= r.export_date and a.file_id > r.file_id
            and a.status in ('loaded', 'superseded')
    )
)

select * from still_open order by source, export_date, file_id;
