-- fct_costs: ledger cost lines allocated through the current cost-center key: amount x share per category.
-- Grain: one row per spending line per category of its cost center.
-- Inputs: staging.stg_spending, staging.stg_cost_centers.
-- A view: its readers (kpi.finance, kpi.costs_by_category) sum it by day as fast as a table, and a table would
-- write every ledger line again each build.
create or replace view marts.fct_costs as
with lines as (
    select entry_id, booking_date, account, cost_center, amount
    from staging.stg_spending
),

allocated as (
    select
        l.entry_id, l.booking_date, l.account, l.cost_center, c.category,
        coalesce(c.objective, 'none') as objective, l.amount, c.share,
        l.amount::decimal(38, 6) * c.share as allocated_amount  -- decimal(38, 16): exact
    from lines as l
    inner join staging.stg_cost_centers as c using (cost_center)
)

select * from allocated;
