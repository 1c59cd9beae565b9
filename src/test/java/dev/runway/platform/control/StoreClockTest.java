package dev.runway.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreClockTest {

  private static final Instant NOW = Instant.parse("2027-01-01T12:00:00.123456789Z");

  @Test
  void itShowsTheLocalTimeMovedByTheSkewInMicroseconds() {
    StoreClock clock = new StoreClock(new MutableClock(NOW));

    clock.setSkew(Duration.ofMillis(-250));

    assertEquals(Instant.parse("2027-01-01T11:59:59.873456Z"), clock.instant());
    assertEquals(NOW, clock.local());
  }

  @Test
  void theSkewIsTakenAtTheMiddleOfTheRoundTrip() {
    Instant sent = NOW;
    Instant received = NOW.plusMillis(20);
    Instant database = NOW.plusMillis(510);

    assertEquals(Duration.ofMillis(500), StoreClock.skewOf(sent, database, received));
  }

  @Test
  void aDatabaseBehindGivesANegativeSkew() {
    assertEquals(
        Duration.ofSeconds(-3),
        StoreClock.skewOf(NOW, NOW.minusSeconds(3).plusMillis(5), NOW.plusMillis(10)));
  }
}
