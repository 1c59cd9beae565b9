package dev.runway.schedules.entity;

import jakarta.json.JsonObject;
import java.math.BigDecimal;

/**
 * A schedule as a client sends it inside a deployment. Every field is optional to the binder so
 * that the validator names what is wrong; {@code interval} is a number so that a fraction gets a
 * clear message rather than a binding error.
 */
public record ScheduleRequest(
    String id,
    BigDecimal interval,
    String anchorDate,
    String cron,
    Boolean dayOr,
    String rrule,
    String timezone,
    Boolean active,
    JsonObject parameters) {

  public static ScheduleRequest interval(long seconds) {
    return new ScheduleRequest(
        null, BigDecimal.valueOf(seconds), null, null, null, null, null, null, null);
  }

  public static ScheduleRequest cron(String expression) {
    return new ScheduleRequest(null, null, null, expression, null, null, null, null, null);
  }

  public static ScheduleRequest rrule(String rule) {
    return new ScheduleRequest(null, null, null, null, null, rule, null, null, null);
  }

  public ScheduleRequest withTimezone(String zone) {
    return new ScheduleRequest(
        id, interval, anchorDate, cron, dayOr, rrule, zone, active, parameters);
  }

  public ScheduleRequest withAnchorDate(String anchor) {
    return new ScheduleRequest(
        id, interval, anchor, cron, dayOr, rrule, timezone, active, parameters);
  }

  public ScheduleRequest withDayOr(boolean or) {
    return new ScheduleRequest(
        id, interval, anchorDate, cron, or, rrule, timezone, active, parameters);
  }

  public ScheduleRequest withActive(boolean on) {
    return new ScheduleRequest(
        id, interval, anchorDate, cron, dayOr, rrule, timezone, on, parameters);
  }

  public ScheduleRequest withParameters(JsonObject values) {
    return new ScheduleRequest(
        id, interval, anchorDate, cron, dayOr, rrule, timezone, active, values);
  }
}
