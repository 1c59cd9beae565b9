package dev.runway.schedules.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How far ahead a schedule's runs are made: at least {@code minRuns} runs and at least {@code
 * minTime} ahead, but never more than {@code maxRuns} runs nor beyond {@code maxTime} (Prefect's
 * scheduler rules, spec §6).
 */
public record Horizon(int minRuns, int maxRuns, Duration minTime, Duration maxTime) {

  /**
   * The instants from {@code now} on that should have a run, in order, truncated to the store's
   * microseconds.
   */
  public List<Instant> instants(Recurrence recurrence, Instant now) {
    List<Instant> wanted = new ArrayList<>();
    Instant minEnd = now.plus(minTime);
    for (Instant at : recurrence.fires(now, maxRuns, now.plus(maxTime))) {
      if (wanted.size() >= minRuns && at.isAfter(minEnd)) {
        break;
      }
      wanted.add(at.truncatedTo(ChronoUnit.MICROS));
    }
    return wanted;
  }

  /**
   * Whether a schedule whose runs from now on number {@code count}, the last at {@code last} (null
   * when none), is short of runs and has an instant that could fill the gap.
   */
  public boolean isShort(Recurrence recurrence, Instant now, long count, Instant last) {
    boolean belowMinimum = count < minRuns || last == null || last.isBefore(now.plus(minTime));
    if (!belowMinimum || count >= maxRuns) {
      return false;
    }
    Instant after = last == null ? now : last.plusNanos(1000);
    return !recurrence.fires(after, 1, now.plus(maxTime)).isEmpty();
  }
}
