package dev.runway.schedules.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The anchor of an interval schedule, both as the local date-time in the schedule's zone that
 * whole-day steps count from and as the instant that other steps count from.
 */
record Anchor(LocalDateTime local, Instant instant) {

  /** Prefect's default anchor: the start of 2020 in the schedule's zone. */
  static final LocalDateTime DEFAULT = LocalDateTime.of(2020, 1, 1, 0, 0);

  static final String FORMS =
      "2027-03-27T02:30:00 (local in the schedule's timezone), 2027-03-27T02:30:00+01:00,"
          + " 2027-03-27T01:30:00Z or 2027-03-27 (local midnight)";

  /**
   * The anchor that {@code text} names in {@code zone}; the default one when it is null.
   *
   * @throws IllegalArgumentException when it is none of the {@link #FORMS}
   */
  static Anchor parse(String text, ZoneId zone) {
    if (text == null) {
      return local(DEFAULT, zone);
    }
    String value = text.strip();
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      return new Anchor(LocalDateTime.ofInstant(instant, zone), instant);
    } catch (DateTimeParseException notWithOffset) {
      // one of the local forms
    }
    try {
      return local(LocalDateTime.parse(value), zone);
    } catch (DateTimeParseException notLocal) {
      // perhaps a plain date
    }
    try {
      return local(LocalDate.parse(value).atStartOfDay(), zone);
    } catch (DateTimeParseException notDate) {
      throw new IllegalArgumentException("is not a date-time; use a form such as " + FORMS);
    }
  }

  private static Anchor local(LocalDateTime local, ZoneId zone) {
    return new Anchor(local, WallClock.instantOf(local, zone));
  }
}
