-- Record one run in meta.runs. Parameters: every column (finished_at from the clock: DuckDB's
-- current_timestamp is the start of the run's transaction).
insert into meta.runs
values ($run_id, $command, $as_of, $started_at, $finished_at, $status, $files_loaded, $files_rejected,
    $files_skipped, $message, $first_period, $targets_sha, $built);
