-- Typed rows of one budget file for raw.budget. Runs in the scratch connection.
-- Grain: one row per (year, month, line) (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    -- bigint until the gate: a year past an integer's range fails year_range instead of the cast
    parse_integer(year, $decimal_comma) as year,
    parse_integer(month, $decimal_comma) as month,
    lower(line) as line,
    parse_decimal(amount, $decimal_comma) as amount
from incoming
