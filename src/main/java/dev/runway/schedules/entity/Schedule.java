package dev.runway.schedules.entity;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/**
 * A validated schedule as stored in its deployment and shown by the API: exactly one of {@code
 * interval} (whole seconds), {@code cron} or {@code rrule}; {@code anchorDate} only with an
 * interval, {@code dayOr} only with a cron; {@code timezone} an IANA zone id, UTC by default.
 */
@JsonbPropertyOrder({
  "id",
  "interval",
  "anchorDate",
  "cron",
  "dayOr",
  "rrule",
  "timezone",
  "active",
  "parameters"
})
public record Schedule(
    UUID id,
    Long interval,
    String anchorDate,
    String cron,
    Boolean dayOr,
    String rrule,
    String timezone,
    boolean active,
    JsonObject parameters) {

  /** The same schedule under another id. */
  public Schedule withId(UUID other) {
    return new Schedule(
        other, interval, anchorDate, cron, dayOr, rrule, timezone, active, parameters);
  }

  /** Whether both say the same thing, whatever their ids. */
  public boolean sameDefinition(Schedule other) {
    return withId(null).equals(other.withId(null));
  }
}
