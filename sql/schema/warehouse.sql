-- Warehouse layout (../shared/spec/interface.md "Warehouse"): schemas, meta tables and raw tables.
-- Idempotent: run at the start of every command that writes.

create schema if not exists raw;
create schema if not exists staging;
create schema if not exists marts;
create schema if not exists kpi;
create schema if not exists meta;

-- meta.settings: one row per setting the warehouse was built with (e.g. the pseudonym key fingerprint).
create table if not exists meta.settings (name varchar, value varchar);

-- meta.runs: one row per run, including failed ones. built: the run rebuilt the models and outputs
-- (a run that finds nothing new for the same as-of, periods and targets leaves them as they are).
create table if not exists meta.runs (
    run_id varchar, command varchar, as_of date, started_at timestamp, finished_at timestamp,
    status varchar, files_loaded integer, files_rejected integer, files_skipped integer, message varchar,
    first_period date, targets_sha varchar, built boolean
);

-- meta.files: one row per distinct landing file (path + content hash) the pipeline has seen.
-- status: loaded | superseded | rejected | duplicate | ignored
create table if not exists meta.files (
    file_id integer, run_id varchar, source varchar, file_name varchar, export_date date,
    file_format varchar, sha256 varchar, size_bytes bigint, mtime_ns bigint, rows bigint,
    status varchar, reason varchar, replaces integer, recorded_at timestamp
);

-- meta.file_checks: one row per check run on a file (parse checks only when they fail; every expectation of
-- the source's suite, passed or not). first_rows: the first failing row numbers, comma-separated; examples:
-- the values of those rows as written (none for personal-data columns).
create table if not exists meta.file_checks (
    file_id integer, check_name varchar, column_name varchar, severity varchar, passed boolean,
    failed_rows bigint, first_rows varchar, message varchar, examples varchar[]
);
alter table meta.file_checks add column if not exists examples varchar[];

-- raw.*: one row per row of an accepted file, typed and pseudonymised, with its lineage.
-- Money is decimal(18, 6) (up to 10^12 euros a booking, exact); shares decimal(18, 10). Sums of decimals
-- are decimal(38, s) in DuckDB, but a product of two decimal(18, s) stays 18 digits wide: widen before
-- multiplying (marts/fct_costs.sql).
create table if not exists raw.cost_centers (
    file_id integer, source_row bigint, cost_center varchar, category varchar,
    share decimal(18, 10), objective varchar, name varchar
);
create table if not exists raw.members (
    file_id integer, source_row bigint, person_key varchar, member_since date, member_until date,
    birth_year integer, pc4 varchar, contribution_amount decimal(18, 6),
    contribution_frequency varchar, recruitment_channel varchar
);
create table if not exists raw.activists (
    file_id integer, source_row bigint, person_key varchar, activist_since date, activist_until date,
    activist_type varchar, birth_year integer, pc4 varchar
);
create table if not exists raw.actions (
    file_id integer, source_row bigint, participation_id varchar, person_key varchar,
    action_date date, action_code varchar, action_type varchar, channel varchar
);
create table if not exists raw.donations (
    file_id integer, source_row bigint, transaction_id varchar, person_key varchar,
    booking_date date, amount decimal(18, 6), income_source varchar, income_type varchar,
    campaign_code varchar
);
create table if not exists raw.spending (
    file_id integer, source_row bigint, entry_id varchar, booking_date date, account varchar,
    cost_center varchar, amount decimal(18, 6), description varchar
);
-- strategy.md's optional columns on the existing sources (empty in the rows of older files)
alter table raw.donations add column if not exists portfolio varchar;
alter table raw.spending add column if not exists campaign_code varchar;

-- strategy.md's optional sources. fte keeps six decimals (32/36 hours = 0.888889); staff rows hold no
-- personal data but the keyed hash of the employee id.
create table if not exists raw.accounts (
    file_id integer, source_row bigint, account varchar, name varchar, cost_type varchar, structural varchar
);
create table if not exists raw.budget (
    file_id integer, source_row bigint, year integer, month integer, line varchar, amount decimal(18, 6)
);
create table if not exists raw.staff (
    file_id integer, source_row bigint, employee_key varchar, start_date date, end_date date,
    fte decimal(18, 6), contract_type varchar, structural varchar, department varchar
);
create table if not exists raw.reserves (
    file_id integer, source_row bigint, balance_date date, reserve varchar, reserve_type varchar,
    amount decimal(18, 6)
);
create table if not exists raw.education (
    file_id integer, source_row bigint, activity_id varchar, activity_date date, school_level varchar,
    activity_type varchar, participants bigint, campaign_code varchar
);
create table if not exists raw.portfolios (
    file_id integer, source_row bigint, portfolio varchar, segment varchar, started_on date, name varchar
);

-- marts.person_keys: every person_key the marts have seen, with its compact surrogate key, kept across builds
-- (sql/marts/person_keys.sql) so that a build can compare its marts with those of the build before.
create table if not exists marts.person_keys (person_key varchar, person_sk bigint);

-- kpi.scorecard: the board's table (kpis.md "The scorecard table"). One row per (period_end, kpi_id).
create table if not exists kpi.scorecard (
    period_end date, kpi_id varchar, value double, unit varchar, target double, status varchar,
    run_id varchar, computed_at timestamp
);

-- kpi.restatements: every published KPI value that a later run changed. One row per change.
create table if not exists kpi.restatements (
    period_end date, kpi_id varchar, old_value double, new_value double, run_id varchar, restated_at timestamp
);

-- kpi.scorecard_quality: the companion of kpi.scorecard (its columns are fixed by kpis.md): the quality of
-- each row's inputs (ok, stale, rejected_delivery) and why. One row per (period_end, kpi_id).
create table if not exists kpi.scorecard_quality (
    period_end date, kpi_id varchar, quality varchar, detail varchar, run_id varchar
);

-- meta.staged: per event source, the files its staging table was last built from (the highest file_id and
-- how many) and the version of the staging SQL; lets the next run merge new files in (kpi.models).
create table if not exists meta.staged (source varchar, through_file_id integer, files integer, sql_sha varchar);
