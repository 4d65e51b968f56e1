-- Typed, pseudonymised rows of one activists file for raw.activists. Runs in the scratch connection.
-- Grain: one row per activist registration (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, export_date. E-mail is never read; birth_date becomes birth_year.
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    person_key(person_id) as person_key,
    parse_date(activist_since) as activist_since,
    parse_date(activist_until) as activist_until,
    lower(activist_type) as activist_type,
    case
        when age_on(birth_date, $export_date) between 12 and 110
            then year(parse_date(birth_date))
    end as birth_year,
    pc4(postcode) as pc4
from incoming
