-- Gate frame for one spending file: the typed rows the spending suite (expectations/spending.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's entry_id occurs in the file.
select source_row, booking_date, cost_center, account,
    count(*) over (partition by entry_id) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
