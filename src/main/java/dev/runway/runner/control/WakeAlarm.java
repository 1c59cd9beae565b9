package dev.runway.runner.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One pending wake-up of the runner at the earliest instant it was asked for: when the next run
 * that is not yet due enters the prefetch window, the runner polls then instead of at its next
 * safety-net poll. Asking for a later instant than the one armed changes nothing.
 */
public class WakeAlarm {

  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final Runnable wake;
  private Instant armedAt;
  private ScheduledFuture<?> armed;
  private long rings;

  public WakeAlarm(ScheduledExecutorService timers, Clock clock, Runnable wake) {
    this.timers = timers;
    this.clock = clock;
    this.wake = wake;
  }

  /** Wakes the runner at {@code when}, or at once if it has passed, unless woken earlier anyway. */
  public synchronized void armAt(Instant when) {
    if (armed != null && !when.isBefore(armedAt)) {
      return;
    }
    if (armed != null) {
      armed.cancel(false);
    }
    long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
    long ring = ++rings;
    armedAt = when;
    armed = timers.schedule(() -> ring(ring), delay, TimeUnit.MILLISECONDS);
  }

  /** The instant armed, while the wake-up is pending. */
  public synchronized Instant armedAt() {
    return armed == null ? null : armedAt;
  }

  /**
   * Forgets the wake-up before waking the runner, so that the poll it causes can arm the next one.
   */
  private void ring(long ring) {
    synchronized (this) {
      if (ring != rings) {
        return;
      }
      armed = null;
      armedAt = null;
    }
    wake.run();
  }

  public synchronized void disarm() {
    if (armed != null) {
      armed.cancel(false);
      armed = null;
      rings++;
    }
  }
}
