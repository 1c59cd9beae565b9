package dev.runway.processes.control;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A started process as the supervisor sees it; the seam that tests fake. */
public interface LaunchedProcess {

  long pid();

  InputStream stdout();

  InputStream stderr();

  /** Blocks until the process ends or {@code timeout} passes; whether it ended. */
  boolean waitFor(Duration timeout) throws InterruptedException;

  /** The exit status of the ended process: 128 + N when signal N killed it. */
  int exitCode();

  /** When the process started, as the system tells; with the pid, it names the process. */
  default Optional<Instant> startInstant() {
    return Optional.empty();
  }

  /** Asks the process and everything it started to end (SIGTERM). */
  default void terminateTree() {}

  /** Whether the process or anything it started is still alive. */
  default boolean treeAlive() {
    return false;
  }

  /** Ends the process and everything it started at once (SIGKILL). */
  void destroyTree();
}
