-- Reconciliation: the scorecard's income_total and costs_total must equal the sums over staging for the
-- same dates (costs within the 0.0001 tolerance of the cost-center shares). Returns one row per mismatch.
-- Ledger lines whose cost center is missing from the current key cannot be allocated: they are left out on
-- both sides here and reported by checks/unallocated.sql. Inputs: scorecard_new, marts.periods,
-- staging.stg_donations, staging.stg_spending, staging.stg_cost_centers (not the marts).
with allocatable as (
    select booking_date, amount
    from staging.stg_spending
    where cost_center in (select cost_center from staging.stg_cost_centers)
),

daily as (
    select booking_date, sum(amount) as income, 0 as costs, 0 as costs_abs
    from staging.stg_donations group by booking_date
    union all
    select booking_date, 0, sum(amount), sum(abs(amount))
    from allocatable group by booking_date
),

staged as (
    select
        p.period_end,
        coalesce(sum(d.income), 0)::double as income,
        coalesce(sum(d.costs), 0)::double as costs,
        coalesce(sum(d.costs_abs), 0)::double as costs_abs
    from marts.periods as p
    left join daily as d on d.booking_date between p.year_start and p.period_end
    group by p.period_end
),

published as (
    select
        period_end,
        max(value) filter (where kpi_id = 'income_total') as income,
        max(value) filter (where kpi_id = 'costs_total') as costs
    from scorecard_new
    group by period_end
),

mismatches as (
    select s.period_end, 'income_total' as kpi_id, p.income as scorecard, s.income as staging
    from staged as s inner join published as p using (period_end)
    where abs(p.income - s.income) > 0.005
    union all
    select s.period_end, 'costs_total' as kpi_id, p.costs as scorecard, s.costs as staging
    from staged as s inner join published as p using (period_end)
    where abs(p.costs - s.costs) > 0.0001 * s.costs_abs + 0.005
)

select * from mismatches order by period_end, kpi_id;
