-- Gate frame for one cost_centers file: the typed rows the cost_centers suite checks.
-- Grain: one row per file row. Input: typed (scratch). Parameter: extra_columns.
-- _share_total: the sum of the shares of the row's cost center over the whole file.
select source_row, category, share::double as share,
    sum(share) over (partition by cost_center)::double as _share_total,
    $extra_columns as _extra_columns
from typed
order by source_row
