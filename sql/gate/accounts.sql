-- Gate frame for one accounts file: the typed rows the accounts suite (expectations/accounts.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's account occurs in the file.
select source_row, cost_type, structural,
    count(*) over (partition by account) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
