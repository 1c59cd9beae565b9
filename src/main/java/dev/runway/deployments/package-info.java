/**
 * Deployments: named, schedulable ways to run a flow (command, environment, parameters), their
 * validation and their REST resource. Schedules and triggers are stored with their deployment, but
 * their logic lives in {@code schedules} and {@code triggers}; runs do not belong here.
 */
package dev.runway.deployments;
