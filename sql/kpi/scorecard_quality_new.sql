-- scorecard_quality_new (temp): the quality of each scorecard row's inputs. Per source of the KPI:
-- rejected_delivery when a file exported on or before the period's end was rejected and nothing accepted
-- in its place; stale when the latest accepted export is more than the cadence older than the period's end;
-- else ok (also an optional source never delivered: its KPIs are empty, their inputs not stale). The row takes
-- the worst of its sources. Grain: one row per period_end per kpi_id.
-- Inputs: scorecard_new, kpi.kpi_catalog, kpi.source_freshness.
create or replace temp table scorecard_quality_new as
with per_source as (
    select
        s.period_end,
        s.kpi_id,
        f.source,
        case
            when f.rejected_since <= s.period_end then 2
            when f.latest_export is null and f.optional then 0
            when f.latest_export is null or f.latest_export + f.cadence_days < s.period_end then 1
            else 0
        end as severity,
        case
            when f.rejected_since <= s.period_end then f.source || ': a file exported ' || f.rejected_since || ' was rejected'
            when f.latest_export is null and f.optional then null
            when f.latest_export is null then f.source || ': nothing accepted yet'
            when f.latest_export + f.cadence_days < s.period_end
                then f.source || ': latest export ' || f.latest_export || ', expected every ' || f.cadence_days || ' day(s)'
        end as detail
    from scorecard_new as s
    inner join kpi.kpi_catalog as c using (kpi_id)
    inner join kpi.source_freshness as f on list_contains(c.sources, f.source)
),

per_row as (
    select
        period_end,
        kpi_id,
        (['ok', 'stale', 'rejected_delivery'])[max(severity) + 1] as quality,
        string_agg(detail, '; ' order by source) as detail
    from per_source
    group by period_end, kpi_id
)

select * from per_row;
