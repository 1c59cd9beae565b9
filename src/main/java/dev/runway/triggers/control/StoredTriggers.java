package dev.runway.triggers.control;

import dev.runway.deployments.entity.Deployment;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.Json;
import dev.runway.triggers.entity.Trigger;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** A deployment's triggers in and out of its JSON text column. */
public final class StoredTriggers {

  private StoredTriggers() {}

  public static String write(List<Trigger> triggers) {
    JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
    for (Trigger t : triggers) {
      JsonArrayBuilder states = Json.PROVIDER.createArrayBuilder();
      t.onStates().forEach(s -> states.add(s.name()));
      array.add(
          Json.PROVIDER
              .createObjectBuilder()
              .add("afterDeployment", t.afterDeployment().toString())
              .add("onStates", states)
              .add("parameters", t.parameters()));
    }
    return array.build().toString();
  }

  /** Those of {@code candidates} with a trigger that names {@code upstream}, by flowName/name. */
  public static List<Deployment> downstreamOf(UUID upstream, List<Deployment> candidates) {
    return candidates.stream()
        .filter(
            d -> read(d.getTriggers()).stream().anyMatch(t -> t.afterDeployment().equals(upstream)))
        .sorted(Comparator.comparing(Deployment::getFlowName).thenComparing(Deployment::getName))
        .toList();
  }

  public static List<Trigger> read(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Json.value(text).asJsonArray().getValuesAs(JsonObject.class).stream()
        .map(StoredTriggers::trigger)
        .toList();
  }

  private static Trigger trigger(JsonObject o) {
    return new Trigger(
        UUID.fromString(o.getString("afterDeployment")),
        o.getJsonArray("onStates").getValuesAs(JsonString.class).stream()
            .map(s -> StateType.valueOf(s.getString()))
            .toList(),
        o.containsKey("parameters") ? o.getJsonObject("parameters") : JsonValue.EMPTY_JSON_OBJECT);
  }
}
