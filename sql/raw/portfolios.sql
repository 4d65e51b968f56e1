-- Typed rows of one portfolios file (relationship managers' portfolios) for raw.portfolios. Runs in the
-- scratch connection. Grain: one row per portfolio (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    portfolio,
    lower(segment) as segment,
    parse_date(started_on) as started_on,
    name
from incoming
