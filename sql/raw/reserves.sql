-- Typed rows of one reserves file (balance sheet) for raw.reserves. Runs in the scratch connection.
-- Grain: one row per (balance_date, reserve) (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    parse_date(balance_date) as balance_date,
    reserve,
    lower(reserve_type) as reserve_type,
    parse_decimal(amount, $decimal_comma) as amount
from incoming
