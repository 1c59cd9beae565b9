package dev.runway.runner.entity;

import dev.runway.schedules.entity.ScheduleRequest;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * The options of Prefect's {@code add_flow}, for {@code Runner.addFlow}. Immutable: each method
 * returns a copy. At most one of {@code interval}, {@code cron}, {@code rrule}, {@code schedule}
 * and {@code schedules} may be given; the first three take one value or several, one schedule each.
 */
public record FlowOptions(
    String name,
    List<Duration> interval,
    List<String> cron,
    List<String> rrule,
    ScheduleRequest schedule,
    List<ScheduleRequest> schedules,
    Boolean paused,
    JsonObject parameters,
    Integer concurrencyLimit,
    String description,
    List<String> tags,
    String version,
    Boolean enforceParameterSchema) {

  public static FlowOptions defaults() {
    return new FlowOptions(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public FlowOptions name(String value) {
    return new FlowOptions(
        value,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions interval(Duration... values) {
    return new FlowOptions(
        name,
        List.of(values),
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions cron(String... values) {
    return new FlowOptions(
        name,
        interval,
        List.of(values),
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions rrule(String... values) {
    return new FlowOptions(
        name,
        interval,
        cron,
        List.of(values),
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions schedule(ScheduleRequest value) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        value,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions schedules(List<ScheduleRequest> values) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        values,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions paused(boolean value) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        value,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions parameters(JsonObject values) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        values,
        concurrencyLimit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions concurrencyLimit(int limit) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        limit,
        description,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions description(String text) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        text,
        tags,
        version,
        enforceParameterSchema);
  }

  public FlowOptions tags(String... values) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        List.of(values),
        version,
        enforceParameterSchema);
  }

  public FlowOptions version(String value) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        value,
        enforceParameterSchema);
  }

  public FlowOptions enforceParameterSchema(boolean value) {
    return new FlowOptions(
        name,
        interval,
        cron,
        rrule,
        schedule,
        schedules,
        paused,
        parameters,
        concurrencyLimit,
        description,
        tags,
        version,
        value);
  }
}
