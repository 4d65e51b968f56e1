-- scorecard_new (temp): this run's scorecard rows for every period, with targets and statuses from the
-- targets file. Grain: one row per period_end per kpi_id.
-- Inputs: kpi.movement, kpi.finance, kpi.income_mix, kpi.organisation, kpi.impact, kpi.portfolio_income,
-- kpi.kpi_catalog, marts.budget_periods, targets_admin_norm, targets_personnel_cost, target_* variables.
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

strategy_wide as (
    select * from kpi.income_mix
    inner join kpi.organisation using (period_end)
    inner join kpi.impact using (period_end)
),

strategy_long as (
    from strategy_wide unpivot include nulls (value for kpi_id in (columns(* exclude (period_end))))
),

values_long as (
    select period_end, kpi_id, value::double as value from movement_long
    union all
    select period_end, kpi_id, value::double as value from finance_long
    union all
    select period_end, kpi_id, value::double as value from strategy_long
),

norms as (
    select
        v.period_end,
        (select max_ratio from targets_admin_norm as n where n.from_year <= year(v.period_end)
         order by n.from_year desc limit 1) as admin_norm,
        exists (select 1 from marts.budget_periods as b where b.period_end = v.period_end) as has_budget,
        (select per_fte from targets_personnel_cost as c where c.year = year(v.period_end)) as personnel_cost_reference,
        (select nullif(count(*) filter (where mature), 0) * getvariable('target_income_per_mature_portfolio')
         from kpi.portfolio_income as f where f.period_end = v.period_end) as relationship_target
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
            when 'fundraising_cost_ratio_raised' then getvariable('target_fundraising_max')
            when 'membership_income_change' then getvariable('target_membership_income_change_min')
            when 'relationship_income_mature_12m' then n.relationship_target
            when 'staff_fte_structural' then getvariable('target_structural_fte_max')
            when 'personnel_cost_per_fte' then n.personnel_cost_reference
            when 'continuity_reserve_ratio' then getvariable('target_continuity_reserve_max')
            when 'education_reach_12m' then getvariable('target_education_reach_min')
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
            when value is null then null
            -- structural_result has no target: its status rule alone (strategy.md)
            when kpi_id = 'structural_result' then case when value >= 0 then 'ok' else 'warn' end
            when target is null then null
            when kpi_id in ('fundraising_cost_ratio', 'fundraising_cost_ratio_raised')
                then case when value <= target then 'ok' else 'warn' end
            when kpi_id in ('membership_income_change', 'relationship_income_mature_12m', 'education_reach_12m')
                then case when value >= target then 'ok' else 'warn' end
            when kpi_id in ('staff_fte_structural', 'continuity_reserve_ratio')
                then case when value <= target then 'ok' else 'breach' end
            when kpi_id = 'management_admin_ratio' then case when value <= target then 'ok' else 'breach' end
            when kpi_id = 'objective_spending_ratio_costs_3y' then case when value >= target then 'ok' else 'breach' end
            when kpi_id = 'movement_forecast' then case when value >= target then 'on_track' else 'off_track' end
        end as status,
        sort_order
    from targeted
)

select * from statused order by period_end, sort_order;
