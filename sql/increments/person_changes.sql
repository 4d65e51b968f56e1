-- person_changes (temp): the persons whose rows in marts.dim_person or marts.fct_role_periods may differ from
-- those of the build before, for the movement cells' update (sql/increments/movement_changes.sql): the
-- persons whose rows in the latest members or activists snapshot differ
-- from their rows in the snapshot the build before read ($members_before, $activists_before), and the persons
-- whose action days changed. A person's rows are compared on every column the two tables read, as a multiset:
-- by their number and the sum of their 64-bit hashes, the rows of the snapshot before counted negative (two
-- different sets of rows agree on both with a chance of about 1 in 2^64; comparing the rows themselves with
-- EXCEPT ALL took longer than the build it saves).
-- Grain: one row per person_sk. Inputs: staging.stg_members, staging.stg_activists, raw.members,
-- raw.activists, marts.person_keys, action_days_changed (sql/increments/action_days_changes.sql).
create or replace temp table person_changes as
with member_rows as (
    select 1 as side, person_key, member_since, member_until, birth_year, pc4 from staging.stg_members
    union all
    select -1, person_key, member_since, member_until, birth_year, pc4 from raw.members
    where file_id = $members_before
),

activist_rows as (
    select 1 as side, person_key, activist_since, activist_until, activist_type, birth_year, pc4
    from staging.stg_activists
    union all
    select -1, person_key, activist_since, activist_until, activist_type, birth_year, pc4 from raw.activists
    where file_id = $activists_before
),

changed_keys as (
    select person_key
    from member_rows
    group by person_key
    having sum(side) <> 0 or sum(side * hash(member_since, member_until, birth_year, pc4)::hugeint) <> 0
    union
    select person_key
    from activist_rows
    group by person_key
    having sum(side) <> 0
        or sum(side * hash(activist_since, activist_until, activist_type, birth_year, pc4)::hugeint) <> 0
)

select k.person_sk from marts.person_keys as k semi join changed_keys using (person_key)
union
select person_sk from action_days_changed;
