-- Text-to-type parsers for export values, per ../shared/spec/exports.md "File formats".
-- Each returns NULL when the text is not a valid value of its type; callers count those as errors.

-- Whether a text is written as a date: YYYY-MM-DD, or DD-MM-YYYY / D-M-YYYY (it may still not exist: 31-11-2026).
create or replace temp macro date_written(v) as
    regexp_full_match(v, '\d{4}-\d{2}-\d{2}') or regexp_full_match(v, '\d{1,2}-\d{1,2}-\d{4}');

-- The date a text names, or NULL when it is not written as a date or does not exist.
create or replace temp macro parse_date(v) as
    case
        when regexp_full_match(v, '\d{4}-\d{2}-\d{2}') then try_strptime(v, '%Y-%m-%d')::date
        when regexp_full_match(v, '\d{1,2}-\d{1,2}-\d{4}') then try_strptime(v, '%d-%m-%Y')::date
    end;

-- Full years from a birth date (text) to a date: the age that the plausibility rule (12 to 110 on the
-- file's export date) is applied to, both when typing (raw/) and in the suites' frames (gate/).
create or replace temp macro age_on(birth_date, on_date) as
    date_sub('year', parse_date(birth_date), on_date::date);

-- Euros and shares. decimal_comma: the ';' dialect (1.234,56); else a decimal point and no grouping.
-- 28 integer digits and 10 decimals: any amount a charity books and any share, read exactly; the raw
-- tables then store amounts with 6 decimals and shares with 10.
create or replace temp macro parse_decimal(v, decimal_comma) as
    case
        when decimal_comma then
            case
                when regexp_full_match(v, '[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?')
                    then try_cast(replace(replace(v, '.', ''), ',', '.') as decimal(38, 10))
            end
        when regexp_full_match(v, '[-+]?(\d+(\.\d*)?|\.\d+)') then try_cast(v as decimal(38, 10))
    end;

-- Only the four digits of a Dutch postcode (PC4) may be kept; anything else is dropped.
create or replace temp macro pc4(v) as
    case when regexp_matches(upper(v), '^\s*[1-9]\d{3}(\s*[A-Z]{2})?\s*$') then regexp_extract(v, '\d{4}') end;

-- Whole numbers (strategy.md "integer"): in the ';' dialect '.' groups thousands in threes (1.250 = 1250);
-- elsewhere the number as written, a float cell's zero fraction allowed (2025.0 = 2025). Any other
-- fraction is unreadable (NULL).
create or replace temp macro parse_integer(v, decimal_comma) as
    case
        when decimal_comma then
            case when regexp_full_match(v, '[-+]?(\d{1,3}(\.\d{3})+|\d+)') then try_cast(replace(v, '.', '') as bigint) end
        when regexp_full_match(v, '[-+]?\d+(\.0*)?') then try_cast(regexp_replace(v, '\.0*$', '') as bigint)
    end;

