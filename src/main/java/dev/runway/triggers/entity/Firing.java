package dev.runway.triggers.entity;

import jakarta.json.JsonObject;
import java.util.UUID;

/**
 * One trigger that a committed state change fires: the run it asks for, its parameters already
 * filled from the upstream run.
 *
 * @param deploymentId the downstream deployment, whose trigger this is
 * @param deployment its flowName/name, for the log
 * @param index the trigger's place in the deployment's list
 * @param upstreamRunId the run whose state change fired it, recorded as the new run's {@code
 *     triggeredBy}
 * @param idempotencyKey the same for the same change, so a repeated event makes no second run
 */
public record Firing(
    UUID deploymentId,
    String deployment,
    int index,
    UUID upstreamRunId,
    JsonObject parameters,
    String idempotencyKey) {

  /** The trigger in words, for the log: {@code etl/report trigger 0 after run …}. */
  public String describe() {
    return deployment + " trigger " + index + " after run " + upstreamRunId;
  }
}
