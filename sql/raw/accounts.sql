-- Typed rows of one accounts file (the chart of accounts) for raw.accounts. Runs in the scratch connection.
-- Grain: one row per ledger account (file row). Input: incoming (text columns). Parameters: file_id, row_offset.
-- Codes keep their case (strategy.md "Precise readings" 3); list values are compared in lower case.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    account,
    name,
    lower(cost_type) as cost_type,
    lower(structural) as structural
from incoming
