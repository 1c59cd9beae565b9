package dev.runway.schedules.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** Picks the fires out of a schedule's candidate instants; shared by every {@link Recurrence}. */
final class Fires {

  private Fires() {}

  /** Whether the arguments of {@link Recurrence#fires} ask for nothing; throws when invalid. */
  static boolean noneWanted(Instant from, int max, Instant until) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative: " + max);
    }
    return max == 0 || from.isAfter(until);
  }

  /**
   * The fires among {@code candidates}, which must be non-decreasing and start early enough: those
   * within {@code [from, until]}, each later than the one before, at most {@code max}.
   */
  static List<Instant> collect(Iterator<Instant> candidates, Instant from, int max, Instant until) {
    List<Instant> fires = new ArrayList<>();
    Instant last = null;
    while (fires.size() < max && candidates.hasNext()) {
      Instant candidate = candidates.next();
      if (candidate.isAfter(until)) {
        break;
      }
      if (!candidate.isBefore(from) && (last == null || candidate.isAfter(last))) {
        fires.add(candidate);
        last = candidate;
      }
    }
    return fires;
  }
}
