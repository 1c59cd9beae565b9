package dev.runway.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HorizonTest {

  private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
  private static final Horizon PREFECT =
      new Horizon(3, 100, Duration.ofHours(1), Duration.ofDays(100));

  /** Fires at NOW + k × {@code step}, exactly as asked. */
  private static Recurrence every(Duration step) {
    return (from, max, until) -> {
      List<Instant> fires = new ArrayList<>();
      long since = from.getEpochSecond() - NOW.getEpochSecond();
      long k = Math.floorDiv(since + step.toSeconds() - 1, step.toSeconds());
      for (Instant at = NOW.plusSeconds(k * step.toSeconds());
          fires.size() < max && !at.isAfter(until);
          at = at.plus(step)) {
        fires.add(at);
      }
      return fires;
    };
  }

  @Test
  void aFrequentScheduleIsCappedAtMaxRuns() {
    List<Instant> wanted = PREFECT.instants(every(Duration.ofSeconds(2)), NOW);

    assertEquals(100, wanted.size());
    assertEquals(NOW, wanted.get(0));
    assertEquals(NOW.plusSeconds(198), wanted.get(99));
  }

  @Test
  void anHourlyScheduleFillsMinTime() {
    List<Instant> wanted = PREFECT.instants(every(Duration.ofMinutes(10)), NOW);

    assertEquals(7, wanted.size(), "00:00 to 01:00 inclusive");
    assertEquals(NOW.plus(Duration.ofHours(1)), wanted.get(6));
  }

  @Test
  void aDailyScheduleGetsMinRuns() {
    List<Instant> wanted = PREFECT.instants(every(Duration.ofDays(1)), NOW);

    assertEquals(List.of(NOW, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2))), wanted);
  }

  @Test
  void nothingBeyondMaxTime() {
    assertEquals(
        List.of(NOW, NOW.plus(Duration.ofDays(90))),
        PREFECT.instants(every(Duration.ofDays(90)), NOW),
        "min-runs asks for three, max-time allows two");
    assertEquals(List.of(), PREFECT.instants(every(Duration.ofDays(365)), NOW.plusSeconds(1)));
  }

  @Test
  void aScheduleIsShortBelowItsMinimumsWhileItHasAnInstantToAdd() {
    Recurrence daily = every(Duration.ofDays(1));

    assertTrue(PREFECT.isShort(daily, NOW, 0, null));
    assertTrue(PREFECT.isShort(daily, NOW, 2, NOW.plus(Duration.ofDays(1))));
    assertFalse(PREFECT.isShort(daily, NOW, 3, NOW.plus(Duration.ofDays(2))));
  }

  @Test
  void aScheduleAtMaxRunsIsNeverShort() {
    Recurrence often = every(Duration.ofSeconds(2));

    assertTrue(PREFECT.isShort(often, NOW, 99, NOW.plusSeconds(196)));
    assertFalse(PREFECT.isShort(often, NOW, 100, NOW.plusSeconds(198)));
  }

  @Test
  void aScheduleWithNothingLeftWithinMaxTimeIsNotShort() {
    Recurrence yearly = every(Duration.ofDays(365));

    assertFalse(PREFECT.isShort(yearly, NOW.plusSeconds(1), 0, null));
  }
}
