-- Typed rows of one budget file for raw.budget. Runs in the scratch connection.
-- Grain: one row per (year, month, line) (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    parse_integer(year, $decimal_comma)::integer as year,
    parse_integer(month, $decimal_comma)::integer as month,
    lower(line) as line,
    parse_decimal(amount, $decimal_comma) as amount
from incoming
