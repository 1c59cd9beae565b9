package dev.runway.deployments.control;

import dev.runway.platform.control.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A run's parameters: the deployment's defaults, then each more specific layer (schedule, run)
 * replacing whole top-level keys, as Prefect does. Nested objects are replaced, not merged.
 */
public final class ParameterMerge {

  private ParameterMerge() {}

  public static JsonObject merge(JsonObject... layers) {
    JsonObjectBuilder merged = Json.PROVIDER.createObjectBuilder();
    for (JsonObject layer : layers) {
      if (layer != null) {
        layer.forEach(merged::add);
      }
    }
    return merged.build();
  }
}
