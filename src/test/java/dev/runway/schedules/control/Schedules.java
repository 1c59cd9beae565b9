package dev.runway.schedules.control;

import dev.runway.schedules.entity.Schedule;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Valid schedules and expected instants for the recurrence tests. */
final class Schedules {

  static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  private Schedules() {}

  static Recurrence interval(long seconds, String anchor, String zone) {
    return Recurrences.of(
        new Schedule(
            UUID.randomUUID(),
            seconds,
            anchor,
            null,
            null,
            null,
            zone,
            true,
            JsonValue.EMPTY_JSON_OBJECT));
  }

  static Recurrence cron(String expression, boolean dayOr, String zone) {
    return Recurrences.of(
        new Schedule(
            UUID.randomUUID(),
            null,
            null,
            expression,
            dayOr,
            null,
            zone,
            true,
            JsonValue.EMPTY_JSON_OBJECT));
  }

  static Recurrence rrule(String text, String zone) {
    return Recurrences.of(
        new Schedule(
            UUID.randomUUID(),
            null,
            null,
            null,
            null,
            text,
            zone,
            true,
            JsonValue.EMPTY_JSON_OBJECT));
  }

  static List<Instant> instants(String... texts) {
    return Arrays.stream(texts).map(Instant::parse).toList();
  }

  static Instant at(String text) {
    return Instant.parse(text);
  }
}
