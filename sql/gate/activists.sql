-- Gate frame for one activists file: the typed rows the activists suite (expectations/activists.json) checks.
-- Grain: one row per file row. Inputs: typed, incoming (scratch). Parameters: row_offset, export_date,
-- extra_columns. _age_on_export: full years between birth_date and the export date (the birth date itself
-- never leaves this query).
with ages as (
    select rowid + $row_offset as source_row,
        age_on(birth_date, $export_date) as _age_on_export
    from incoming
)

select t.source_row, t.activist_since, t.activist_until, t.activist_type, a._age_on_export, $extra_columns as _extra_columns
from typed as t
inner join ages as a using (source_row)
order by t.source_row
