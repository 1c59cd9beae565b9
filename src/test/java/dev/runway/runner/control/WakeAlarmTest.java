package dev.runway.runner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WakeAlarmTest {

  private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final MutableClock clock = new MutableClock(NOW);
  private final CountDownLatch woken = new CountDownLatch(1);
  private final WakeAlarm alarm = new WakeAlarm(timers, clock, woken::countDown);

  WakeAlarmTest() {
    timers.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  @Test
  void theEarliestInstantAskedForWins() {
    alarm.armAt(NOW.plus(Duration.ofHours(2)));
    alarm.armAt(NOW.plus(Duration.ofHours(1)));
    alarm.armAt(NOW.plus(Duration.ofHours(3)));

    assertEquals(NOW.plus(Duration.ofHours(1)), alarm.armedAt());
    assertEquals(1, timers.getQueue().size(), "the replaced wake-ups were cancelled");
  }

  @Test
  void anInstantAlreadyPastWakesAtOnce() throws InterruptedException {
    alarm.armAt(NOW.minusSeconds(5));

    assertTrue(woken.await(10, TimeUnit.SECONDS));
  }

  @Test
  void afterItRangALaterInstantArmsAgain() throws InterruptedException {
    alarm.armAt(NOW);
    assertTrue(woken.await(10, TimeUnit.SECONDS));

    alarm.armAt(NOW.plus(Duration.ofHours(1)));

    assertEquals(NOW.plus(Duration.ofHours(1)), alarm.armedAt());
  }

  @Test
  void disarmedItHasNothingPending() {
    alarm.armAt(NOW.plus(Duration.ofHours(1)));

    alarm.disarm();

    assertNull(alarm.armedAt());
  }
}
