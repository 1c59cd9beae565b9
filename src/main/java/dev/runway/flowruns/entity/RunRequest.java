package dev.runway.flowruns.entity;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/** A request to run a deployment: its parameters override the deployment's, key by key. */
public record RunRequest(
    JsonObject parameters,
    OffsetDateTime scheduledStart,
    String idempotencyKey,
    List<String> tags) {

  public static RunRequest now() {
    return new RunRequest(null, null, null, null);
  }
}
