package dev.runway.platform.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text in and out of the store, where objects, lists and maps are kept as text columns. */
public final class Json {

  /**
   * The JSON-P provider, looked up once: {@code jakarta.json.Json}'s factory methods look it up
   * through the service loader on every call, which a run's hot path paid several times.
   */
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private Json() {}

  public static JsonObject object(String text) {
    if (text == null || text.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  public static JsonValue value(String text) {
    try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  public static String text(JsonValue value) {
    return value == null ? null : value.toString();
  }

  public static String strings(List<String> values) {
    var array = PROVIDER.createArrayBuilder();
    values.forEach(array::add);
    return array.build().toString();
  }

  public static List<String> strings(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
      JsonArray array = reader.readArray();
      return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
  }

  public static String stringMap(Map<String, String> values) {
    var object = PROVIDER.createObjectBuilder();
    values.forEach(object::add);
    return object.build().toString();
  }

  public static Map<String, String> stringMap(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    object(text).forEach((key, value) -> map.put(key, ((JsonString) value).getString()));
    return map;
  }
}
