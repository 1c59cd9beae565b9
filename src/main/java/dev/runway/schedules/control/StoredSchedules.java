package dev.runway.schedules.control;

import dev.runway.platform.control.Json;
import dev.runway.schedules.entity.Schedule;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;

/** A deployment's schedules in and out of its JSON text column. */
public final class StoredSchedules {

  private StoredSchedules() {}

  public static String write(List<Schedule> schedules) {
    JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
    for (Schedule s : schedules) {
      JsonObjectBuilder o = Json.PROVIDER.createObjectBuilder();
      o.add("id", s.id().toString());
      if (s.interval() != null) {
        o.add("interval", s.interval());
      }
      addIfPresent(o, "anchorDate", s.anchorDate());
      addIfPresent(o, "cron", s.cron());
      if (s.dayOr() != null) {
        o.add("dayOr", s.dayOr());
      }
      addIfPresent(o, "rrule", s.rrule());
      o.add("timezone", s.timezone());
      o.add("active", s.active());
      o.add("parameters", s.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT : s.parameters());
      array.add(o);
    }
    return array.build().toString();
  }

  public static List<Schedule> read(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Json.value(text).asJsonArray().getValuesAs(JsonObject.class).stream()
        .map(StoredSchedules::schedule)
        .toList();
  }

  private static Schedule schedule(JsonObject o) {
    return new Schedule(
        UUID.fromString(o.getString("id")),
        o.containsKey("interval") ? o.getJsonNumber("interval").longValue() : null,
        o.getString("anchorDate", null),
        o.getString("cron", null),
        o.containsKey("dayOr") ? o.getBoolean("dayOr") : null,
        o.getString("rrule", null),
        o.getString("timezone", "UTC"),
        o.getBoolean("active", true),
        o.containsKey("parameters") ? o.getJsonObject("parameters") : JsonValue.EMPTY_JSON_OBJECT);
  }

  private static void addIfPresent(JsonObjectBuilder o, String key, String value) {
    if (value != null) {
      o.add(key, value);
    }
  }
}
