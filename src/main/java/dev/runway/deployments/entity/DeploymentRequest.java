package dev.runway.deployments.entity;

import dev.runway.schedules.entity.ScheduleRequest;
import dev.runway.triggers.entity.TriggerRequest;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A deployment as a client sends it to create or replace one. Every field is optional to the binder
 * so that the validator, not the JSON parser, names what is missing.
 */
public record DeploymentRequest(
    String name,
    String flowName,
    List<String> command,
    String workingDirectory,
    Map<String, String> env,
    JsonObject parameters,
    JsonObject parameterSchema,
    Boolean enforceParameterSchema,
    List<ScheduleRequest> schedules,
    Boolean paused,
    Integer concurrencyLimit,
    String collisionStrategy,
    Integer retries,
    Integer retryDelaySeconds,
    Integer timeoutSeconds,
    List<TriggerRequest> triggers,
    List<String> tags,
    String description,
    String version) {

  /** The same deployment with these schedules instead. */
  public DeploymentRequest withSchedules(List<ScheduleRequest> others) {
    return new DeploymentRequest(
        name,
        flowName,
        command,
        workingDirectory,
        env,
        parameters,
        parameterSchema,
        enforceParameterSchema,
        others,
        paused,
        concurrencyLimit,
        collisionStrategy,
        retries,
        retryDelaySeconds,
        timeoutSeconds,
        triggers,
        tags,
        description,
        version);
  }

  /** The same deployment, paused or not. */
  public DeploymentRequest withPaused(Boolean value) {
    return new DeploymentRequest(
        name,
        flowName,
        command,
        workingDirectory,
        env,
        parameters,
        parameterSchema,
        enforceParameterSchema,
        schedules,
        value,
        concurrencyLimit,
        collisionStrategy,
        retries,
        retryDelaySeconds,
        timeoutSeconds,
        triggers,
        tags,
        description,
        version);
  }

  /** The same deployment with these triggers instead. */
  public DeploymentRequest withTriggers(List<TriggerRequest> others) {
    return new DeploymentRequest(
        name,
        flowName,
        command,
        workingDirectory,
        env,
        parameters,
        parameterSchema,
        enforceParameterSchema,
        schedules,
        paused,
        concurrencyLimit,
        collisionStrategy,
        retries,
        retryDelaySeconds,
        timeoutSeconds,
        others,
        tags,
        description,
        version);
  }

  /** The smallest valid deployment: a name, a flow and a command; everything else defaults. */
  public static DeploymentRequest of(String flowName, String name, List<String> command) {
    return new DeploymentRequest(
        name, flowName, command, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }
}
