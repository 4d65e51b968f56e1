-- kpi.staff_by_department: the FTE of the contracts in force at every period, by department and contract type.
-- Grain: one row per period_end per department per contract_type ('none' for a contract without department).
-- Inputs: marts.periods, staging.stg_staff.
create or replace table kpi.staff_by_department as
with in_force as (
    select p.period_end, coalesce(s.department, 'none') as department, s.contract_type, s.fte
    from marts.periods as p
    inner join staging.stg_staff as s
        on s.start_date <= p.period_end and (s.end_date is null or s.end_date >= p.period_end)
)

select period_end, department, contract_type, sum(fte)::double as fte
from in_force
group by all
order by period_end, department, contract_type;
