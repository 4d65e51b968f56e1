-- Typed rows of one cost_centers file for raw.cost_centers. Runs in the scratch connection.
-- Grain: one row per file row. Input: incoming (text columns). Parameters: file_id, row_offset, decimal_comma.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    cost_center,
    lower(category) as category,
    parse_decimal(share, $decimal_comma) as share,
    objective,
    name
from incoming
