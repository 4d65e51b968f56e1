-- Typed, pseudonymised rows of one staff file (HR) for raw.staff. Runs in the scratch connection.
-- Grain: one row per employment contract (file row). Input: incoming (text columns).
-- Parameters: file_id, row_offset, decimal_comma. employee_id becomes its keyed hash; birth date, e-mail,
-- IBAN and salary are never read (kpi.readers leaves them out of `incoming`).
select
    $file_id as file_id,
    rowid + $row_offset as source_row,
    person_key(employee_id) as employee_key,
    parse_date(start_date) as start_date,
    parse_date(end_date) as end_date,
    parse_decimal(fte, $decimal_comma) as fte,
    lower(contract_type) as contract_type,
    lower(structural) as structural,
    department
from incoming
