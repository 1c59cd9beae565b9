package dev.runway.runner.entity;

import dev.runway.schedules.entity.ScheduleRequest;
import dev.runway.triggers.entity.TriggerRequest;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * The options of Prefect's {@code add_flow}, for {@code Runner.addFlow}, set fluently: {@code
 * FlowOptions.defaults().name("nightly").cron("0 2 * * *")}. At most one of {@code interval},
 * {@code cron}, {@code rrule}, {@code schedule} and {@code schedules} may be given; the first three
 * take one value or several, one schedule each. An option not set is null: the deployment's default
 * applies.
 */
public final class FlowOptions {

  private String name;
  private List<Duration> interval;
  private List<String> cron;
  private List<String> rrule;
  private ScheduleRequest schedule;
  private List<ScheduleRequest> schedules;
  private Boolean paused;
  private JsonObject parameters;
  private Integer concurrencyLimit;
  private String description;
  private List<String> tags;
  private String version;
  private Boolean enforceParameterSchema;
  private List<TriggerRequest> triggers;

  private FlowOptions() {}

  public static FlowOptions defaults() {
    return new FlowOptions();
  }

  public FlowOptions name(String value) {
    name = value;
    return this;
  }

  public FlowOptions interval(Duration... values) {
    interval = List.of(values);
    return this;
  }

  public FlowOptions cron(String... values) {
    cron = List.of(values);
    return this;
  }

  public FlowOptions rrule(String... values) {
    rrule = List.of(values);
    return this;
  }

  public FlowOptions schedule(ScheduleRequest value) {
    schedule = value;
    return this;
  }

  public FlowOptions schedules(List<ScheduleRequest> values) {
    schedules = List.copyOf(values);
    return this;
  }

  public FlowOptions paused(boolean value) {
    paused = value;
    return this;
  }

  public FlowOptions parameters(JsonObject values) {
    parameters = values;
    return this;
  }

  public FlowOptions concurrencyLimit(int limit) {
    concurrencyLimit = limit;
    return this;
  }

  public FlowOptions description(String text) {
    description = text;
    return this;
  }

  public FlowOptions tags(String... values) {
    tags = List.of(values);
    return this;
  }

  public FlowOptions version(String value) {
    version = value;
    return this;
  }

  public FlowOptions enforceParameterSchema(boolean value) {
    enforceParameterSchema = value;
    return this;
  }

  /** Run this flow's deployment after other deployments' runs reach given states. */
  public FlowOptions triggers(List<TriggerRequest> values) {
    triggers = List.copyOf(values);
    return this;
  }

  public String name() {
    return name;
  }

  public List<Duration> interval() {
    return interval;
  }

  public List<String> cron() {
    return cron;
  }

  public List<String> rrule() {
    return rrule;
  }

  public ScheduleRequest schedule() {
    return schedule;
  }

  public List<ScheduleRequest> schedules() {
    return schedules;
  }

  public Boolean paused() {
    return paused;
  }

  public JsonObject parameters() {
    return parameters;
  }

  public Integer concurrencyLimit() {
    return concurrencyLimit;
  }

  public String description() {
    return description;
  }

  public List<String> tags() {
    return tags;
  }

  public String version() {
    return version;
  }

  public Boolean enforceParameterSchema() {
    return enforceParameterSchema;
  }

  public List<TriggerRequest> triggers() {
    return triggers;
  }
}
