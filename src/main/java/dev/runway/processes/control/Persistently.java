package dev.runway.processes.control;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Retries a write to the store through a short outage: a run's end must not be lost to a database
 * that blinks. Eight attempts, 250 ms apart and doubling, span about a minute.
 */
final class Persistently {

  private static final Logger LOG = System.getLogger(Persistently.class.getName());
  private static final int ATTEMPTS = 8;
  private static final long FIRST_PAUSE_MILLIS = 250;

  private Persistently() {}

  static void run(String what, Runnable write) {
    long pause = FIRST_PAUSE_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS) {
          LOG.log(
              Level.ERROR,
              "Gave up recording "
                  + what
                  + " after "
                  + ATTEMPTS
                  + " attempts; the run keeps its last recorded state",
              e);
          return;
        }
        LOG.log(
            Level.WARNING,
            "Recording {0} failed, retrying in {1} ms: {2}",
            what,
            Long.toString(pause),
            e.toString());
        if (!pause(pause)) {
          return;
        }
        pause *= 2;
      }
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.log(Level.ERROR, "Interrupted while retrying a write to the store; it is abandoned");
      return false;
    }
  }
}
