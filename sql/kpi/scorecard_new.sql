-- scorecard_new (temp): this run's scorecard rows for every period, with targets and statuses from the
-- targets file. Grain: one row per period_end per kpi_id.
-- Inputs: kpi.movement, kpi.finance, kpi.kpi_catalog, targets_admin_norm, targets_budget, target_* variables.
create or replace temp table scorecard_new as
with movement_wide as (
    select period_end, columns(* exclude (period_end))::double
    from kpi.movement
),

movement_long as (
    from movement_wide unpivot include nulls (value for kpi_id in (columns(* exclude (period_end))))
),

finance_long as (
    from kpi.finance unpivot include nulls (value for kpi_id in (columns(* exclude (period_end))))
),

values_long as (
    select period_end, kpi_id, value::double as value from movement_long
    union all
    select period_end, kpi_id, value::double as value from finance_long
),

norms as (
    select
        v.period_end,
        (select max_ratio from targets_admin_norm as n where n.from_year <= year(v.period_end)
         order by n.from_year desc limit 1) as admin_norm,
        exists (select 1 from targets_budget as b where b.year = year(v.period_end)) as has_budget
    from (select distinct period_end from values_long) as v
),

targeted as (
    select
        v.period_end,
        v.kpi_id,
        v.value,
        c.unit,
        case v.kpi_id
            when 'movement_total' then getvariable('target_movement')
            when 'movement_forecast' then getvariable('target_movement')
            when 'movement_target_progress' then 1.0
            when 'income_vs_budget' then case when n.has_budget then 1.0 end
            when 'costs_vs_budget' then case when n.has_budget then 1.0 end
            when 'fundraising_cost_ratio' then getvariable('target_fundraising_max')
            when 'objective_spending_ratio_costs' then getvariable('target_objective')
            when 'management_admin_ratio' then n.admin_norm
            when 'objective_spending_ratio_costs_3y' then getvariable('target_objective_3y_min')
        end::double as target,
        c.sort_order
    from values_long as v
    inner join kpi.kpi_catalog as c using (kpi_id)
    inner join norms as n using (period_end)
),

statused as (
    select
        period_end,
        kpi_id,
        value,
        unit,
        target,
        case
            when value is null or target is null then null
            when kpi_id = 'fundraising_cost_ratio' then case when value <= target then 'ok' else 'warn' end
            when kpi_id = 'management_admin_ratio' then case when value <= target then 'ok' else 'breach' end
            when kpi_id = 'objective_spending_ratio_costs_3y' then case when value >= target then 'ok' else 'breach' end
            when kpi_id = 'movement_forecast' then case when value >= target then 'on_track' else 'off_track' end
        end as status,
        sort_order
    from targeted
)

select * from statused order by period_end, sort_order;
