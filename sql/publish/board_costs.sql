-- Board pack: allocated costs year to date by category and objective at the latest period.
-- Grain: one row per category per objective. Input: kpi.costs_by_category. Parameter: period_end.
select category, objective, amount
from kpi.costs_by_category
where period_end = $period_end
order by category, objective
