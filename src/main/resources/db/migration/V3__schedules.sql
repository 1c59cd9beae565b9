-- Schedules live in their deployment as JSON, read and written whole with it.
alter table deployment add column schedules varchar not null default '[]';

-- A run made by a schedule remembers which schedule and which of its instants: the pair is unique,
-- so no two nodes and no two passes ever make the same scheduled run twice. Manual runs leave
-- both null, and nulls never collide.
alter table flow_run add column schedule_id uuid;
alter table flow_run add column scheduled_for timestamp(6) with time zone;
alter table flow_run add constraint flow_run_schedule_instant unique (schedule_id, scheduled_for);

-- How late the process really started: start time minus expected start, in microseconds.
alter table flow_run add column start_lateness_us bigint;
