-- Ledger lines in force whose cost center is not in the current cost-center key: they cannot be allocated,
-- so they are in no cost KPI. Grain: one row per cost center. Inputs: staging.stg_spending, staging.stg_cost_centers.
select cost_center, count(*) as lines, sum(amount)::double as amount, min(booking_date) as first_booking
from staging.stg_spending
where cost_center not in (select cost_center from staging.stg_cost_centers)
group by cost_center
order by cost_center
