package dev.runway.triggers.control;

import dev.runway.platform.control.Json;
import dev.runway.platform.control.Placeholders;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a trigger's parameters may take from the upstream run: {@code {{ upstream.id }}}, {@code {{
 * upstream.state.type }}} and {@code {{ upstream.parameters.X }}}. A string that is one placeholder
 * and nothing else takes the value itself, so a number stays a number; a placeholder inside longer
 * text is replaced by the value's text.
 */
public final class UpstreamValues {

  public static final Placeholders PLACEHOLDERS = Placeholders.of("upstream");

  private static final String PARAMETER = "parameters.";
  private static final Set<String> FIXED = Set.of("id", "state.type");

  private final Map<String, JsonValue> fixed;
  private final JsonObject parameters;

  private UpstreamValues(UUID runId, String stateType, JsonObject parameters) {
    this.fixed =
        Map.of(
            "id",
            Json.PROVIDER.createValue(runId.toString()),
            "state.type",
            Json.PROVIDER.createValue(stateType));
    this.parameters = parameters;
  }

  /** The values of one upstream run that has just entered a state of {@code stateType}. */
  public static UpstreamValues of(UUID runId, String stateType, JsonObject parameters) {
    return new UpstreamValues(runId, stateType, parameters);
  }

  /** Whether {@code name} (what follows {@code upstream.}) is one a trigger may use. */
  public static boolean known(String name) {
    return FIXED.contains(name)
        || (name.startsWith(PARAMETER) && name.length() > PARAMETER.length());
  }

  /** Whether any string inside {@code value} uses an upstream placeholder. */
  public static boolean used(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> !PLACEHOLDERS.names(((JsonString) value).getString()).isEmpty();
      case ARRAY -> value.asJsonArray().stream().anyMatch(UpstreamValues::used);
      case OBJECT -> value.asJsonObject().values().stream().anyMatch(UpstreamValues::used);
      default -> false;
    };
  }

  /**
   * The trigger's parameters with every placeholder filled, in nested objects and arrays too.
   *
   * @throws Placeholders.MissingValue naming the first placeholder this run has no value for
   */
  public JsonObject fill(JsonObject template) {
    JsonObjectBuilder filled = Json.PROVIDER.createObjectBuilder();
    template.forEach((key, value) -> filled.add(key, fill(value)));
    return filled.build();
  }

  private JsonValue fill(JsonValue value) {
    switch (value.getValueType()) {
      case STRING:
        return fill(((JsonString) value).getString());
      case ARRAY:
        JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
        value.asJsonArray().forEach(element -> array.add(fill(element)));
        return array.build();
      case OBJECT:
        return fill(value.asJsonObject());
      default:
        return value;
    }
  }

  private JsonValue fill(String text) {
    String sole = PLACEHOLDERS.soleName(text);
    JsonValue whole = sole == null ? null : value(sole);
    return whole != null ? whole : Json.PROVIDER.createValue(PLACEHOLDERS.fill(text, this::value));
  }

  private JsonValue value(String name) {
    if (name.startsWith(PARAMETER)) {
      return parameters.get(name.substring(PARAMETER.length()));
    }
    return fixed.get(name);
  }
}
