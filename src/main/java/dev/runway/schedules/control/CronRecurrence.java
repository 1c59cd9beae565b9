package dev.runway.schedules.control;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A cron schedule. cron-utils matches the expression against local wall-clock time, given to it as
 * UTC date-times so that it never sees a daylight-saving change; {@link WallClock} then places each
 * match.
 */
final class CronRecurrence implements Recurrence {

  private final ExecutionTime execution;
  private final ZoneId zone;

  CronRecurrence(Cron cron, ZoneId zone) {
    this.execution = ExecutionTime.forCron(cron);
    this.zone = zone;
  }

  @Override
  public List<Instant> fires(Instant from, int max, Instant until) {
    if (Fires.noneWanted(from, max, until)) {
      return List.of();
    }
    // nextExecution is strictly after its argument: start one minute early.
    LocalDateTime start =
        WallClock.lowerBound(from, zone).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
    Iterator<Instant> candidates =
        Stream.iterate(next(start), Optional::isPresent, match -> next(match.get()))
            .map(match -> WallClock.instantOf(match.get(), zone))
            .iterator();
    return Fires.collect(candidates, from, max, until);
  }

  /** The first local time after {@code local} that the expression matches, if any. */
  Optional<LocalDateTime> next(LocalDateTime local) {
    return execution
        .nextExecution(local.atZone(ZoneOffset.UTC))
        .map(ZonedDateTime::toLocalDateTime);
  }
}
