package dev.runway.triggers.entity;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A trigger as a client sends it inside a deployment: run this deployment when a run of {@code
 * afterDeployment} (an id, or {@code flowName/name}) reaches one of {@code onStates}. Every field
 * is optional to the binder so that the validator names what is missing.
 *
 * @param parameters over the deployment's defaults; string values may hold {@code {{ upstream.id
 *     }}}, {@code {{ upstream.state.type }}} and {@code {{ upstream.parameters.X }}}
 */
public record TriggerRequest(String afterDeployment, List<String> onStates, JsonObject parameters) {

  /** A trigger after {@code upstream} on these states, without parameters of its own. */
  public static TriggerRequest after(String upstream, String... states) {
    return new TriggerRequest(upstream, List.of(states), null);
  }

  public TriggerRequest withParameters(JsonObject values) {
    return new TriggerRequest(afterDeployment, onStates, values);
  }
}
