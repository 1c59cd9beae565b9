/**
 * Deployments: named, schedulable ways to run a flow (command, environment, parameters), their
 * validation and their REST resource. Schedules and triggers will join them; runs do not belong
 * here.
 */
package dev.runway.deployments;
