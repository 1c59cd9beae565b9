package dev.runway.triggers.control;

import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.entity.FieldError;
import dev.runway.triggers.entity.TriggerRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the triggers of a deployment request by themselves, reporting every invalid field at once.
 * Whether {@code afterDeployment} names a stored deployment, and whether the triggers close a
 * cycle, needs the store: {@link TriggerGraph} answers that.
 */
public final class TriggerValidator {

  private final List<FieldError> errors = new ArrayList<>();

  private TriggerValidator() {}

  /**
   * Every error of every trigger, named {@code triggers[i]} or {@code triggers[i].field}; empty
   * when all are valid or there are none.
   */
  public static List<FieldError> check(List<TriggerRequest> triggers) {
    TriggerValidator v = new TriggerValidator();
    if (triggers != null) {
      for (int i = 0; i < triggers.size(); i++) {
        v.trigger("triggers[" + i + "]", triggers.get(i));
      }
    }
    return List.copyOf(v.errors);
  }

  private void trigger(String field, TriggerRequest t) {
    if (t == null) {
      reject(field, "must not be null");
      return;
    }
    if (t.afterDeployment() == null || t.afterDeployment().isBlank()) {
      reject(
          field + ".afterDeployment", "is required: the upstream deployment's id or flowName/name");
    }
    onStates(field + ".onStates", t.onStates());
    if (t.parameters() != null) {
      parameters(field + ".parameters", t.parameters());
    }
  }

  private void onStates(String field, List<String> states) {
    if (states == null || states.isEmpty()) {
      reject(field, "is required: at least one of " + Arrays.toString(StateType.values()));
      return;
    }
    for (int i = 0; i < states.size(); i++) {
      String state = states.get(i);
      if (state == null
          || Arrays.stream(StateType.values()).noneMatch(s -> s.name().equals(state))) {
        reject(field + "[" + i + "]", "must be one of " + Arrays.toString(StateType.values()));
      }
    }
  }

  private void parameters(String field, JsonObject parameters) {
    parameters.forEach((key, value) -> placeholders(field + "." + key, value));
  }

  /** Each upstream placeholder inside the value must be one a trigger can fill. */
  private void placeholders(String field, JsonValue value) {
    switch (value.getValueType()) {
      case STRING -> {
        for (String name : UpstreamValues.PLACEHOLDERS.names(((JsonString) value).getString())) {
          if (!UpstreamValues.known(name)) {
            reject(
                field,
                "{{ upstream."
                    + name
                    + " }} is not known: use upstream.id, upstream.state.type or"
                    + " upstream.parameters.NAME");
          }
        }
      }
      case ARRAY -> value.asJsonArray().forEach(element -> placeholders(field, element));
      case OBJECT ->
          value.asJsonObject().forEach((key, inner) -> placeholders(field + "." + key, inner));
      default -> {}
    }
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
