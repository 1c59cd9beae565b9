package dev.runway.flowruns.entity;

import dev.runway.platform.control.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A flow run as the API shows it; {@code bundle} only for a bundle's run. */
@JsonbPropertyOrder({
  "id",
  "name",
  "deploymentId",
  "deploymentName",
  "flowName",
  "bundle",
  "parameters",
  "state",
  "expectedStartTime",
  "startTime",
  "endTime",
  "runCount",
  "idempotencyKey",
  "autoScheduled",
  "scheduleId",
  "scheduledFor",
  "triggeredBy",
  "startLatenessMs",
  "node",
  "pid",
  "exitCode",
  "result",
  "tags",
  "createdAt",
  "updatedAt"
})
public record FlowRunView(
    UUID id,
    String name,
    UUID deploymentId,
    String deploymentName,
    String flowName,
    BundleView bundle,
    JsonObject parameters,
    State state,
    Instant expectedStartTime,
    Instant startTime,
    Instant endTime,
    int runCount,
    String idempotencyKey,
    boolean autoScheduled,
    UUID scheduleId,
    Instant scheduledFor,
    UUID triggeredBy,
    BigDecimal startLatenessMs,
    String node,
    Long pid,
    Integer exitCode,
    JsonValue result,
    List<String> tags,
    Instant createdAt,
    Instant updatedAt) {

  public static FlowRunView of(FlowRun r) {
    return new FlowRunView(
        r.getId(),
        r.getName(),
        r.getDeploymentId(),
        r.getDeploymentName(),
        r.getFlowName(),
        BundleView.of(r),
        Json.object(r.getParameters()),
        r.state(),
        r.getExpectedStartTime(),
        r.getStartTime(),
        r.getEndTime(),
        r.getRunCount(),
        r.getIdempotencyKey(),
        r.isAutoScheduled(),
        r.getScheduleId(),
        r.getScheduledFor(),
        r.getTriggeredBy(),
        r.getStartLatenessMicros() == null
            ? null
            : BigDecimal.valueOf(r.getStartLatenessMicros(), 3),
        r.getNode(),
        r.getPid(),
        r.getExitCode(),
        r.getResult() == null ? null : Json.value(r.getResult()),
        Json.strings(r.getTags()),
        r.getCreatedAt(),
        r.getUpdatedAt());
  }
}
