package dev.runway.schedules.boundary;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.Deployment;
import dev.runway.platform.control.Ids;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.control.Roles;
import dev.runway.schedules.control.Recurrences;
import dev.runway.schedules.control.StoredSchedules;
import dev.runway.schedules.entity.Schedule;
import dev.runway.schedules.entity.SchedulePreview;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /deployments/{id}/schedule-preview}: what the schedules will do, before trusting them.
 */
@Path("deployments/{id}/schedule-preview")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulePreviewResource {

  static final int DEFAULT_COUNT = 10;
  static final int MAX_COUNT = 1000;
  private static final long YEARS_AHEAD = 100;

  @Inject Deployments deployments;

  @Inject Clock clock;

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public SchedulePreview preview(
      @PathParam("id") String id,
      @QueryParam("from") String from,
      @QueryParam("count") String count) {
    Deployment deployment = deployments.get(Ids.path("Deployment", id));
    Instant start = from == null ? clock.instant() : instant(from);
    int n = count(count);
    Instant until = start.atOffset(ZoneOffset.UTC).plusYears(YEARS_AHEAD).toInstant();
    List<Schedule> schedules = StoredSchedules.read(deployment.getSchedules());
    List<SchedulePreview.Fires> previews = new ArrayList<>();
    for (int i = 0; i < schedules.size(); i++) {
      Schedule schedule = schedules.get(i);
      if (schedule.active()) {
        ZoneId zone = ZoneId.of(schedule.timezone());
        List<SchedulePreview.Fire> fires =
            Recurrences.of(schedule).fires(start, n, until).stream()
                .map(at -> new SchedulePreview.Fire(at, at.atZone(zone).toOffsetDateTime()))
                .toList();
        previews.add(new SchedulePreview.Fires(schedule.id(), i, schedule.timezone(), fires));
      }
    }
    return new SchedulePreview(deployment.getId(), deployment.isPaused(), start, previews);
  }

  private static int count(String text) {
    if (text == null) {
      return DEFAULT_COUNT;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_COUNT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below like any number out of range
    }
    throw ProblemException.invalid("count", "must be a whole number from 1 to " + MAX_COUNT);
  }

  /** An ISO-8601 instant with an offset, or a date meaning its midnight in UTC. */
  private static Instant instant(String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          "from", "must be an ISO-8601 date-time with an offset, such as 2027-03-27T00:00:00Z");
    }
  }
}
