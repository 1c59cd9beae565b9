-- Triggers live in their deployment as JSON, read and written whole with it; each names its
-- upstream deployment by id.
alter table deployment add column triggers varchar not null default '[]';

-- A run a trigger made remembers the upstream run whose state change made it; null otherwise.
-- No foreign key: deleting an ended upstream run keeps the runs it triggered.
alter table flow_run add column triggered_by uuid;
