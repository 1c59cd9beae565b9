-- With the pid, the instant the process started names it: a pid the system reused is not it.
alter table flow_run add column process_started_at timestamp(6) with time zone;

-- Which attempt of the run wrote each log line.
alter table flow_run_log add column attempt integer not null default 1;

-- When another node found this node silent and ended its runs; cleared by its next heartbeat.
alter table runner_node add column lost_at timestamp(6) with time zone;

-- Recovery looks up the live runs of one node.
create index flow_run_node on flow_run (node, state_type);
