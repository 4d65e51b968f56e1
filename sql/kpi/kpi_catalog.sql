-- kpi.kpi_catalog: every scorecard KPI of kpis.md with its unit and display order.
-- Grain: one row per kpi_id. Inputs: none (the list is the contract).
create or replace table kpi.kpi_catalog as
select * from (values
    (1, 'members', 'persons', 'movement'),
    (2, 'activists', 'persons', 'movement'),
    (3, 'supporters', 'persons', 'movement'),
    (4, 'movement_total', 'persons', 'movement'),
    (5, 'movement_target_progress', 'ratio', 'movement'),
    (6, 'movement_required_monthly_growth', 'persons', 'movement'),
    (7, 'movement_forecast', 'persons', 'movement'),
    (8, 'youth_share', 'ratio', 'movement'),
    (9, 'supporter_retention', 'ratio', 'movement'),
    (10, 'income_total', 'eur', 'finance'),
    (11, 'costs_total', 'eur', 'finance'),
    (12, 'costs_objectives', 'eur', 'finance'),
    (13, 'costs_fundraising', 'eur', 'finance'),
    (14, 'costs_management_admin', 'eur', 'finance'),
    (15, 'result', 'eur', 'finance'),
    (16, 'fundraising_cost_ratio', 'ratio', 'finance'),
    (17, 'objective_spending_ratio_costs', 'ratio', 'finance'),
    (18, 'objective_spending_ratio_income', 'ratio', 'finance'),
    (19, 'management_admin_ratio', 'ratio', 'finance'),
    (20, 'objective_spending_ratio_costs_3y', 'ratio', 'finance'),
    (21, 'income_vs_budget', 'ratio', 'finance'),
    (22, 'costs_vs_budget', 'ratio', 'finance')
) as t(sort_order, kpi_id, unit, domain);
