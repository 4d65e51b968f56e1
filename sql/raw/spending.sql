-- Typed rows of one spending file for raw.spending. Runs in the scratch connection.
-- Grain: one row per ledger cost line (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    entry_id,
    parse_date(booking_date) as booking_date,
    account,
    cost_center,
    parse_decimal(amount, $decimal_comma) as amount,
    description,
    campaign_code
from incoming
