package dev.runway.runner.control;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets any number of wake-ups ask for a poll while at most one poll runs: a request that arrives
 * during a poll causes one more poll after it, never a lost or a parallel one.
 */
public class PollGate {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final ReentrantLock running = new ReentrantLock();

  public void request(Runnable poll) {
    requested.set(true);
    do {
      if (!running.tryLock()) {
        return;
      }
      try {
        while (requested.getAndSet(false)) {
          poll.run();
        }
      } finally {
        running.unlock();
      }
    } while (requested.get());
  }
}
