-- The status snapshot (<warehouse>.status.duckdb), read by `kpi status` so it never opens the live warehouse
-- and so never blocks or breaks a run. Runs in the writer's connection after the commit, with the snapshot
-- attached as `snap`. Inputs: meta.runs, meta.files, meta.file_checks, kpi.source_freshness.
create table snap.runs as select * from meta.runs;
create table snap.files as select * from meta.files;
create table snap.file_checks as select * from meta.file_checks;
create table snap.source_freshness as select * from kpi.source_freshness;
