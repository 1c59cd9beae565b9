package dev.runway.schedules.control;

import dev.runway.schedules.entity.Schedule;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/** Turns a validated {@link Schedule} into the {@link Recurrence} that says when it fires. */
public final class Recurrences {

  private static final Set<String> ZONE_NAMES = Set.copyOf(ZoneId.getAvailableZoneIds());

  private Recurrences() {}

  /**
   * The recurrence of a schedule that {@link ScheduleValidator} accepted.
   *
   * @throws IllegalArgumentException when the schedule is not valid
   */
  public static Recurrence of(Schedule schedule) {
    ZoneId zone = zone(schedule.timezone());
    if (schedule.interval() != null) {
      return new IntervalRecurrence(
          schedule.interval(), Anchor.parse(schedule.anchorDate(), zone), zone);
    }
    if (schedule.cron() != null) {
      boolean dayOr = !Boolean.FALSE.equals(schedule.dayOr());
      return new CronRecurrence(CronExpressions.parse(schedule.cron(), dayOr), zone);
    }
    if (schedule.rrule() != null) {
      return new RuleRecurrence(RuleText.parse(schedule.rrule()), zone);
    }
    throw new IllegalArgumentException("a schedule needs an interval, a cron or an rrule");
  }

  /**
   * Whether {@code name} is an IANA time zone name that Java knows, such as Europe/Berlin or UTC.
   */
  static boolean isZoneName(String name) {
    return ZONE_NAMES.contains(name);
  }

  /** The zone of a schedule's timezone; UTC when it has none. */
  static ZoneId zone(String timezone) {
    return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
  }
}
