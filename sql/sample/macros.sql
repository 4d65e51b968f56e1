-- Deterministic pseudo-random helpers for the sample generator (same seed, same data).
-- rnd(i, k): a number in [0, 1) for row i and stream k; pick(i, k, n): an integer in [0, n).
create or replace temp macro rnd(i, k) as (hash(i, k, getvariable('sample_seed')) % 1000003)::double / 1000003;
create or replace temp macro pick(i, k, n) as floor(rnd(i, k) * n)::bigint;
-- The date at fraction f of the way from a to b.
create or replace temp macro between_dates(a, b, f) as (a::date + floor(f * (b::date - a::date))::integer);
-- joined_index(t, f): a person who had joined by date t, drawn at fraction f of those (inverse of people.sql).
create or replace temp macro joined_index(t, f) as
    floor(f * case
        when t < date '2022-01-01'
            then 0.74 * getvariable('sample_people') * power((t - date '1985-01-01') / (date '2022-01-01' - date '1985-01-01'), 2)
        else 0.74 * getvariable('sample_people') + 0.26 * getvariable('sample_people')
            * (t - date '2022-01-01') / greatest(getvariable('sample_end')::date - date '2022-01-01', 1)
    end)::bigint;
