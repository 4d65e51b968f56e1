-- Typed, pseudonymised rows of one members file for raw.members. Runs in the scratch connection.
-- Grain: one row per membership period (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma, export_date. E-mail is never read;
-- birth_date becomes birth_year (dropped when the age on the export date is under 12 or over 110).
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    person_key(person_id) as person_key,
    parse_date(member_since) as member_since,
    parse_date(member_until) as member_until,
    case
        when age_on(birth_date, $export_date) between 12 and 110
            then year(parse_date(birth_date))
    end as birth_year,
    pc4(postcode) as pc4,
    parse_decimal(contribution_amount, $decimal_comma) as contribution_amount,
    lower(contribution_frequency) as contribution_frequency,
    lower(recruitment_channel) as recruitment_channel
from incoming
