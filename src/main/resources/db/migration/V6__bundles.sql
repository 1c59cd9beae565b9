-- Bundles (POST /runner/bundles): a run that carries its own command instead of a deployment's.
-- Such a run has no deployment; its command, working directory and environment are its own.
alter table flow_run alter column deployment_id drop not null;
alter table flow_run alter column deployment_name drop not null;
alter table flow_run add column bundle_command varchar;
alter table flow_run add column bundle_working_directory varchar;
alter table flow_run add column bundle_env varchar;
