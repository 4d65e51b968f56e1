-- Gate frame for one staff file: the typed rows the staff suite (expectations/staff.json) checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns. No personal data: the
-- employee's key is not in the frame, and birth date, e-mail, IBAN and salary were never read.
select source_row, start_date, end_date, fte::double as fte, contract_type, structural,
    $extra_columns as _extra_columns
from typed
order by source_row
