-- kpi.source_freshness: per source, the latest accepted export, the expected cadence and the oldest
-- export date with an open rejection (kpi.open_rejections). An optional source (strategy.md) that was never
-- delivered is 'absent', not stale: a landing folder without it is complete.
-- Grain: one row per source. Inputs: meta.files, kpi.open_rejections, targets_freshness, variable run_as_of.
create or replace table kpi.source_freshness as
with accepted as (
    select source, max(export_date) as latest_export
    from meta.files
    where status = 'loaded'
    group by source
),

open_rejections as (
    select source, min(export_date) as rejected_since
    from kpi.open_rejections
    group by source
),

state as (
    select
        t.source,
        t.cadence_days,
        t.optional,
        a.latest_export,
        o.rejected_since,
        case
            when o.rejected_since is not null then 'rejected_delivery'
            when a.latest_export is null and t.optional then 'absent'
            when a.latest_export is null
                or a.latest_export + t.cadence_days < getvariable('run_as_of')::date then 'stale'
            else 'ok'
        end as state_at_as_of
    from targets_freshness as t
    left join accepted as a using (source)
    left join open_rejections as o using (source)
)

select * from state order by source;
