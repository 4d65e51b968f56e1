-- kpi status: freshness per source after the last build: latest accepted export, expected cadence, state.
-- Input: source_freshness (status snapshot).
select source, latest_export, cadence_days as cadence_days, rejected_since as open_rejection_since,
    state_at_as_of as state
from source_freshness
order by source;
