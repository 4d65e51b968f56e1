-- Gate frame for one budget file: the typed rows the budget suite (expectations/budget.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's (year, month, line) occurs in the file.
select source_row, year, month, line, amount::double as amount,
    count(*) over (partition by year, month, line) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
