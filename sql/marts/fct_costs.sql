-- fct_costs: ledger cost lines allocated through the current cost-center key: amount x share per category,
-- with the RJ 650 cost type and whether the account is structural from the current chart of accounts.
-- Grain: one row per spending line per category of its cost center.
-- Inputs: staging.stg_spending, staging.stg_cost_centers, staging.stg_accounts.
-- A view: its readers (kpi.finance, kpi.costs_by_category) sum it by day as fast as a table, and a table would
-- write every ledger line again each build.
create or replace view marts.fct_costs as
with lines as (
    select entry_id, booking_date, account, cost_center, amount, campaign_code
    from staging.stg_spending
),

accounts as (
    -- an account is unique in an accounts file (its suite), so the join below never repeats a line
    select account, cost_type, structural = 'yes' as structural
    from staging.stg_accounts
),

allocated as (
    select
        l.entry_id, l.booking_date, l.account, l.cost_center, c.category,
        coalesce(c.objective, 'none') as objective,
        -- strategy.md: an account missing from the chart of accounts is 'unmapped' and counts as structural
        coalesce(a.cost_type, 'unmapped') as cost_type,
        coalesce(a.structural, true) as structural,
        l.campaign_code, l.amount, c.share,
        l.amount::decimal(38, 6) * c.share as allocated_amount  -- decimal(38, 16): exact
    from lines as l
    inner join staging.stg_cost_centers as c using (cost_center)
    left join accounts as a using (account)
)

select * from allocated;
