package dev.runway.schedules.control;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The one rule by which every schedule turns a local wall-clock time of its zone into an instant: a
 * time that the clocks skip (a daylight-saving gap) happens at the moment they jump, and a time
 * that they show twice (an overlap) happens the first time. The mapping never goes backwards as
 * local time goes forwards.
 */
public final class WallClock {

  private WallClock() {}

  /** The instant at which {@code local} happens in {@code zone}, by the rule above. */
  public static Instant instantOf(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
  }

  /**
   * A local time from which to look for fires at or after {@code from}: no local date-time before
   * it maps to {@code from} or later. It is {@code from} read with the offset in force just before
   * it, so that a gap whose jump is exactly {@code from} is looked at from its start.
   */
  static LocalDateTime lowerBound(Instant from, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    return LocalDateTime.ofInstant(from, rules.getOffset(from.minusNanos(1)));
  }
}
