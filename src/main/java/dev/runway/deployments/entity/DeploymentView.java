package dev.runway.deployments.entity;

import dev.runway.deployments.control.SecretEnv;
import dev.runway.platform.control.Json;
import dev.runway.schedules.control.StoredSchedules;
import dev.runway.schedules.entity.Schedule;
import dev.runway.triggers.control.StoredTriggers;
import dev.runway.triggers.entity.Trigger;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored deployment as the API shows it, secret environment values masked. */
@JsonbPropertyOrder({
  "id",
  "flowName",
  "name",
  "command",
  "workingDirectory",
  "env",
  "parameters",
  "parameterSchema",
  "enforceParameterSchema",
  "schedules",
  "paused",
  "concurrencyLimit",
  "collisionStrategy",
  "retries",
  "retryDelaySeconds",
  "timeoutSeconds",
  "triggers",
  "tags",
  "description",
  "version",
  "createdAt",
  "updatedAt"
})
public record DeploymentView(
    UUID id,
    String flowName,
    String name,
    List<String> command,
    String workingDirectory,
    Map<String, String> env,
    JsonObject parameters,
    JsonObject parameterSchema,
    boolean enforceParameterSchema,
    List<Schedule> schedules,
    boolean paused,
    Integer concurrencyLimit,
    CollisionStrategy collisionStrategy,
    int retries,
    int retryDelaySeconds,
    Integer timeoutSeconds,
    List<Trigger> triggers,
    List<String> tags,
    String description,
    String version,
    Instant createdAt,
    Instant updatedAt) {

  public static DeploymentView of(Deployment d) {
    return new DeploymentView(
        d.getId(),
        d.getFlowName(),
        d.getName(),
        Json.strings(d.getCommand()),
        d.getWorkingDirectory(),
        SecretEnv.masked(Json.stringMap(d.getEnv())),
        Json.object(d.getParameters()),
        d.getParameterSchema() == null ? null : Json.object(d.getParameterSchema()),
        d.isEnforceParameterSchema(),
        StoredSchedules.read(d.getSchedules()),
        d.isPaused(),
        d.getConcurrencyLimit(),
        d.getCollisionStrategy(),
        d.getRetries(),
        d.getRetryDelaySeconds(),
        d.getTimeoutSeconds(),
        StoredTriggers.read(d.getTriggers()),
        Json.strings(d.getTags()),
        d.getDescription(),
        d.getVersionLabel(),
        d.getCreatedAt(),
        d.getUpdatedAt());
  }
}
