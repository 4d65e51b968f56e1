-- persons_wanted (temp) for building marts.dim_person and marts.fct_role_periods for every person (kpi.persons):
-- every key of the registry.
-- Grain: one row per person_sk. Inputs: marts.person_keys.
create or replace temp table persons_wanted as
select person_sk, person_key from marts.person_keys;
