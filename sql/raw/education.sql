-- Typed rows of one education file for raw.education. Runs in the scratch connection.
-- Grain: one row per education activity (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    activity_id,
    parse_date(activity_date) as activity_date,
    lower(school_level) as school_level,
    lower(activity_type) as activity_type,
    parse_integer(participants, $decimal_comma) as participants,
    campaign_code
from incoming
