-- Merge into staging.stg_{source} the rows of the files loaded since it was last built (file_id above the
-- variable staged_through_file_id), by the rule of stg_{source}.sql: per {key} the later export date
-- wins, then the later file. Only the new rows and the rows they compete with are ranked. kpi.models runs
-- this, for one event source at a time ({source} and {key} filled in), instead of stg_{source}.sql when no
-- file the table was built from has been superseded since (increments/staging_mergeable). Leaves the rows it took out
-- in the temp table merge_replaced_{source}, so a model can follow what the merge changed (kpi.movement_marts).
-- Grain: one row per {key}. Inputs: raw.{source}, staging.stg_files, staging.stg_{source}.
create or replace temp table merge_new as
select r.*, f.export_date
from raw.{source} as r
inner join staging.stg_files as f using (file_id)
where r.file_id > getvariable('staged_through_file_id');

create or replace temp table merge_replaced_{source} as
select s.* from staging.stg_{source} as s semi join merge_new as n using ({key});

create or replace temp table merge_winners as
with competing as (
    select * from merge_new
    union all by name
    select * from merge_replaced_{source}
)

select *
from competing
qualify row_number() over (partition by {key} order by export_date desc, file_id desc) = 1;

delete from staging.stg_{source} where {key} in (select {key} from merge_new);

insert into staging.stg_{source} by name select * from merge_winners;

drop table merge_new;
drop table merge_winners;
