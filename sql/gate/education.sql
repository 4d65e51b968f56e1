-- Gate frame for one education file: the typed rows the education suite (expectations/education.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's activity_id occurs in the file. _participants: participants again, for the
-- warning rule, as GX keeps one expectation of a kind per column in a suite.
select source_row, activity_date, school_level, activity_type, participants, participants as _participants,
    count(*) over (partition by activity_id) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
