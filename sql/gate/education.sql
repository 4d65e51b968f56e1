-- Gate frame for one education file: the typed rows the education suite (expectations/education.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's activity_id occurs in the file.
select source_row, activity_date, school_level, activity_type, participants,
    count(*) over (partition by activity_id) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
