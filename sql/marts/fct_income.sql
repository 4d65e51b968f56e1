-- fct_income: every income booking in force (reversals included, as negative amounts).
-- Grain: one row per transaction_id. Inputs: staging.stg_donations.
-- A view: a projection of one staging table, which a table would write again every build.
create or replace view marts.fct_income as
with lines as (
    select transaction_id, booking_date, amount, income_source, coalesce(income_type, 'unknown') as income_type,
        person_key is null as anonymous, portfolio, campaign_code
    from staging.stg_donations
)

select * from lines;
