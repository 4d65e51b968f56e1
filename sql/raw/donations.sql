-- Typed, pseudonymised rows of one donations file for raw.donations. Runs in the scratch connection.
-- Grain: one row per income booking (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma. The IBAN is never read.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    transaction_id,
    person_key(person_id) as person_key,
    parse_date(booking_date) as booking_date,
    parse_decimal(amount, $decimal_comma) as amount,
    lower(income_source) as income_source,
    lower(income_type) as income_type,
    campaign_code,
    portfolio
from incoming
