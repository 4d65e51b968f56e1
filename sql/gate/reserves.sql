-- Gate frame for one reserves file: the typed rows the reserves suite (expectations/reserves.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's (balance_date, reserve) occurs in the file.
select source_row, balance_date, reserve_type,
    count(*) over (partition by balance_date, reserve) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
