/**
 * Triggers: a deployment's declaration that it runs after another deployment's run reaches given
 * state types. Here are their shapes, their validation (including refusing cycles) and the observer
 * that turns a committed state change into the downstream runs. Creating a run and its parameter
 * checks stay in {@code flowruns} and {@code deployments}.
 */
package dev.runway.triggers;
