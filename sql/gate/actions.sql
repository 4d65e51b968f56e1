-- Gate frame for one actions file: the typed rows the actions suite (expectations/actions.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's participation_id occurs in the file.
select source_row, action_date, action_type, channel,
    count(*) over (partition by participation_id) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
