/**
 * Runway, a flow runner for Jakarta EE: deployments of commands, each run an operating-system
 * process that the runner claims, launches, watches and logs. Packages are by capability, each with
 * {@code boundary} (what the container and clients call), {@code control} (the logic) and {@code
 * entity} (stored and exchanged shapes).
 */
package dev.runway;
