-- GET /flow-runs lists the newest expected start first: this index gives a page of it without
-- sorting every stored run.
create index flow_run_newest on flow_run (expected_start_time desc, id);
