-- Gate frame for one portfolios file: the typed rows the portfolios suite (expectations/portfolios.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's portfolio occurs in the file.
select source_row, segment, started_on,
    count(*) over (partition by portfolio) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
