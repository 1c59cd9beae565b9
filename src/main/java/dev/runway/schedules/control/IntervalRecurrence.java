package dev.runway.schedules.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * An interval schedule: it fires at the anchor plus every whole multiple of the interval, before
 * the anchor as after it. A whole number of days steps by calendar days from the anchor's local
 * time, so a daily 09:00 stays 09:00 across daylight saving; any other interval steps by elapsed
 * time from the anchor's instant.
 */
final class IntervalRecurrence implements Recurrence {

  private static final long DAY = 86_400;

  private final long seconds;
  private final Anchor anchor;
  private final ZoneId zone;

  IntervalRecurrence(long seconds, Anchor anchor, ZoneId zone) {
    if (seconds < 1) {
      throw new IllegalArgumentException("interval must be at least 1 second: " + seconds);
    }
    this.seconds = seconds;
    this.anchor = anchor;
    this.zone = zone;
  }

  @Override
  public List<Instant> fires(Instant from, int max, Instant until) {
    if (Fires.noneWanted(from, max, until)) {
      return List.of();
    }
    Iterator<Instant> candidates;
    if (seconds % DAY == 0) {
      long days = seconds / DAY;
      LocalDateTime start = WallClock.lowerBound(from, zone);
      long first = stepsToReach(localSeconds(anchor.local(), start));
      candidates = steps(first, k -> WallClock.instantOf(anchor.local().plusDays(k * days), zone));
    } else {
      long first = stepsToReach(Duration.between(anchor.instant(), from));
      candidates = steps(first, k -> anchor.instant().plusSeconds(k * seconds));
    }
    return Fires.collect(candidates, from, max, until);
  }

  /** The fewest steps from the anchor that cover {@code distance}; negative when it is before. */
  private long stepsToReach(Duration distance) {
    long steps = Math.floorDiv(distance.getSeconds(), seconds);
    boolean remainder = Math.floorMod(distance.getSeconds(), seconds) > 0 || distance.getNano() > 0;
    return remainder ? steps + 1 : steps;
  }

  /** The local-time distance, in which every day has 86,400 seconds. */
  private static Duration localSeconds(LocalDateTime start, LocalDateTime end) {
    return Duration.between(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC));
  }

  private static Iterator<Instant> steps(long first, LongFunction<Instant> fire) {
    return LongStream.iterate(first, k -> k + 1).mapToObj(fire).iterator();
  }
}
