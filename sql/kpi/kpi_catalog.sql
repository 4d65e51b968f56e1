-- kpi.kpi_catalog: every scorecard KPI of kpis.md with its unit, display order and the sources it is
-- computed from (for the quality of each scorecard row).
-- Grain: one row per kpi_id. Inputs: none (the list is the contract).
create or replace table kpi.kpi_catalog as
select * from (values
    (1, 'members', 'persons', 'movement', ['members']),
    (2, 'activists', 'persons', 'movement', ['activists']),
    (3, 'supporters', 'persons', 'movement', ['actions']),
    (4, 'movement_total', 'persons', 'movement', ['members', 'activists', 'actions']),
    (5, 'movement_target_progress', 'ratio', 'movement', ['members', 'activists', 'actions']),
    (6, 'movement_required_monthly_growth', 'persons', 'movement', ['members', 'activists', 'actions']),
    (7, 'movement_forecast', 'persons', 'movement', ['members', 'activists', 'actions']),
    (8, 'youth_share', 'ratio', 'movement', ['members', 'activists', 'actions']),
    (9, 'supporter_retention', 'ratio', 'movement', ['actions']),
    (10, 'income_total', 'eur', 'finance', ['donations']),
    (11, 'costs_total', 'eur', 'finance', ['spending', 'cost_centers']),
    (12, 'costs_objectives', 'eur', 'finance', ['spending', 'cost_centers']),
    (13, 'costs_fundraising', 'eur', 'finance', ['spending', 'cost_centers']),
    (14, 'costs_management_admin', 'eur', 'finance', ['spending', 'cost_centers']),
    (15, 'result', 'eur', 'finance', ['donations', 'spending', 'cost_centers']),
    (16, 'fundraising_cost_ratio', 'ratio', 'finance', ['donations', 'spending', 'cost_centers']),
    (17, 'objective_spending_ratio_costs', 'ratio', 'finance', ['spending', 'cost_centers']),
    (18, 'objective_spending_ratio_income', 'ratio', 'finance', ['donations', 'spending', 'cost_centers']),
    (19, 'management_admin_ratio', 'ratio', 'finance', ['spending', 'cost_centers']),
    (20, 'objective_spending_ratio_costs_3y', 'ratio', 'finance', ['spending', 'cost_centers']),
    (21, 'income_vs_budget', 'ratio', 'finance', ['donations']),
    (22, 'costs_vs_budget', 'ratio', 'finance', ['spending', 'cost_centers'])
) as t(sort_order, kpi_id, unit, domain, sources);
