package dev.runway.runner.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets any number of wake-ups ask for a poll while at most one poll runs: a request that arrives
 * during a poll, even from inside it, causes one more poll after it, never a lost or a parallel or
 * a nested one.
 */
public class PollGate {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  public void request(Runnable poll) {
    requested.set(true);
    do {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      try {
        while (requested.getAndSet(false)) {
          poll.run();
        }
      } finally {
        running.set(false);
      }
    } while (requested.get());
  }
}
