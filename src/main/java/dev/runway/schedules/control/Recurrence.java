package dev.runway.schedules.control;

import java.time.Instant;
import java.util.List;

/**
 * When a schedule fires. Every kind of schedule is evaluated in its zone's local wall-clock time
 * and each local time is turned into an instant by {@link WallClock}; a gap that swallows several
 * local times yields one fire, and no instant fires twice.
 */
public interface Recurrence {

  /**
   * The fires {@code t} with {@code from <= t <= until}, ascending and strictly increasing, at most
   * {@code max} of them.
   *
   * @throws IllegalArgumentException when {@code max} is negative
   */
  List<Instant> fires(Instant from, int max, Instant until);
}
