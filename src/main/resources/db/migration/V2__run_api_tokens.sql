-- A run's process calls the API with a token of its own: only its hash is kept, and only while
-- the run is claimed or running.
alter table flow_run add column api_token_hash varchar(64);
create index flow_run_api_token on flow_run (api_token_hash);
