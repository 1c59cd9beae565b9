package dev.runway.flowruns.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.flowruns.entity.RunFilter;
import dev.runway.flowruns.entity.StateType;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class RunTotalsTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final RunTotals totals = new RunTotals(nanos::get);
  private final AtomicLong stored = new AtomicLong(100_000);
  private int counts;

  private final LongSupplier count =
      () -> {
        counts++;
        return stored.get();
      };

  private static final RunFilter ALL = new RunFilter(null, null, null, null, null);

  @Test
  void aTotalCountedWithinTheLastSecondIsNotCountedAgain() {
    assertEquals(100_000, totals.total(ALL, count));
    nanos.addAndGet(RunTotals.FRESH.toNanos() - 1);

    assertEquals(100_000, totals.total(ALL, count));
    assertEquals(1, counts);
  }

  @Test
  void aSecondLaterTheRunsAreCountedAgain() {
    totals.total(ALL, count);
    stored.set(100_001); // made on another node
    nanos.addAndGet(RunTotals.FRESH.toNanos());

    assertEquals(100_001, totals.total(ALL, count));
    assertEquals(2, counts);
  }

  @Test
  void aChangeSeenHereCountsEveryTotalAgainAtOnce() {
    RunFilter running =
        new RunFilter(UUID.randomUUID(), null, Set.of(StateType.RUNNING), null, null);
    totals.total(ALL, count);
    totals.total(running, count);
    stored.set(99_999);

    totals.runsChanged();

    assertEquals(99_999, totals.total(ALL, count));
    assertEquals(99_999, totals.total(running, count));
    assertEquals(4, counts);
  }

  @Test
  void eachFilterHasItsOwnTotal() {
    RunFilter etl = new RunFilter(null, "etl", null, null, null);
    totals.total(ALL, count);
    stored.set(7);

    assertEquals(7, totals.total(etl, count));
    assertEquals(100_000, totals.total(ALL, count));
  }
}
