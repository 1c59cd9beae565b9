package dev.runway.schedules.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The next fire instants of a deployment's active schedules from {@code from} on, made without
 * creating runs. A paused deployment previews what its schedules would do once resumed.
 */
@JsonbPropertyOrder({"deploymentId", "paused", "from", "schedules"})
public record SchedulePreview(
    UUID deploymentId, boolean paused, Instant from, List<Fires> schedules) {

  /** One schedule's next fires. */
  @JsonbPropertyOrder({"scheduleId", "index", "timezone", "fires"})
  public record Fires(UUID scheduleId, int index, String timezone, List<Fire> fires) {}

  /** One fire: the instant in UTC and the same instant on the schedule's wall clock. */
  @JsonbPropertyOrder({"utc", "local"})
  public record Fire(Instant utc, OffsetDateTime local) {}
}
