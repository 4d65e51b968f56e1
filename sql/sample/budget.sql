-- sample_budget: the budget 2022-2025 by month and line, scaled like the income. Grain: one row per (year,
-- month, line). The year totals are the targets file's; particulieren is phased with legacies late in the
-- year (November and December twice a normal month), the other lines evenly. No row for a line in a month
-- where it is 0 (management_admin is budgeted quarterly).
create or replace table sample_budget as
with years as (
    select * from (values (2022, 28831, 29068), (2023, 29504, 29684), (2024, 29206, 29559), (2025, 29363, 29700))
        as t(year, income_k, costs_k)
),

lines as (
    select * from (values
        ('particulieren', 'income', 0.825), ('loterijorganisaties', 'income', 0.123), ('subsidies_overheden', 'income', 0.009),
        ('bedrijven', 'income', 0.02), ('andere_organisaties', 'income', 0.008), ('verbonden_organisaties', 'income', 0.005),
        ('tegenprestatie', 'income', 0.005), ('overige', 'income', 0.005),
        ('objectives', 'costs', 0.75), ('fundraising', 'costs', 0.20), ('management_admin', 'costs', 0.05)
    ) as t(line, side, share)
),

months as (
    select unnest(range(1, 13)) as month
),

phased as (
    select
        y.year, m.month, l.line,
        case l.side when 'income' then y.income_k else y.costs_k end * 1000 * l.share * getvariable('sample_scale')
        * case
            when l.line = 'particulieren' then case when m.month >= 11 then 2 else 1 end / 14.0
            when l.line = 'management_admin' then case when m.month % 3 = 0 then 1 else 0 end / 4.0
            else 1 / 12.0
        end as amount
    from years as y
    cross join lines as l
    cross join months as m
)

select year, month, line, round(amount, 2)::decimal(18, 2) as amount
from phased
where amount > 0
order by year, month, line;
