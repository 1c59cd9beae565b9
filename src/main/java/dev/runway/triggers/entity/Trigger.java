package dev.runway.triggers.entity;

import dev.runway.flowruns.entity.StateType;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.UUID;

/**
 * A validated trigger as stored in its deployment and shown by the API: the upstream deployment by
 * id, whatever name the request gave it, so that renaming the upstream keeps the trigger.
 */
@JsonbPropertyOrder({"afterDeployment", "onStates", "parameters"})
public record Trigger(UUID afterDeployment, List<StateType> onStates, JsonObject parameters) {

  /** Whether a run entering {@code type} fires this trigger. */
  public boolean firesOn(StateType type) {
    return onStates.contains(type);
  }
}
