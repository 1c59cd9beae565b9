package dev.runway.deployments.entity;

/**
 * A deployment was created, replaced, paused or resumed: fired inside the writing transaction, so
 * that what observers do about its runs commits or rolls back with the change itself.
 *
 * @param deployment the deployment as it now is, managed by the writing transaction
 * @param runsReshaped whether what its future runs look like changed: schedules, parameters or
 *     paused; when false, runs already made ahead stay as they are
 */
public record DeploymentChanged(Deployment deployment, boolean runsReshaped) {}
