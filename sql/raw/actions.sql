-- Typed, pseudonymised rows of one actions file for raw.actions. Runs in the scratch connection.
-- Grain: one row per participation (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset. E-mail is never read.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    participation_id,
    person_key(person_id) as person_key,
    parse_date(action_date) as action_date,
    action_code,
    lower(action_type) as action_type,
    lower(channel) as channel
from incoming
