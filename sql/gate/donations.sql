-- Gate frame for one donations file: the typed rows the donations suite (expectations/donations.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _id_count: how often the row's transaction_id occurs in the file.
select source_row, booking_date, amount::double as amount, income_source, income_type, portfolio,
    count(*) over (partition by transaction_id) as _id_count,
    $extra_columns as _extra_columns
from typed
order by source_row
