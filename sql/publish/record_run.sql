-- Record one run in meta.runs (finished now). Parameters: every column but finished_at.
insert into meta.runs
values ($run_id, $command, $as_of, $started_at, current_timestamp, $status, $files_loaded, $files_rejected,
    $files_skipped, $message, $first_period, $targets_sha, $built);
