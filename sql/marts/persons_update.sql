-- persons_wanted (temp) for updating marts.dim_person and marts.fct_role_periods (kpi.persons): the persons in
-- person_changes, whose rows are deleted here and built again by sql/marts/dim_person.sql and
-- sql/marts/fct_role_periods.sql.
-- Grain: one row per person_sk. Inputs: marts.person_keys, person_changes.
create or replace temp table persons_wanted as
select person_sk, person_key from marts.person_keys semi join person_changes using (person_sk);

delete from marts.dim_person where person_sk in (select person_sk from persons_wanted);
delete from marts.fct_role_periods where person_sk in (select person_sk from persons_wanted);
