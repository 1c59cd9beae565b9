package dev.runway.processes.control;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A started process as the supervisor sees it; the seam that tests fake. */
public interface LaunchedProcess {

  long pid();

  InputStream stdout();

  InputStream stderr();

  /**
   * Completes once the process has ended, on whatever thread learnt it: whoever depends on it hands
   * the work on rather than run it there.
   */
  CompletableFuture<?> onExit();

  /** Whether the process still runs, as far as this JVM has seen its exit. */
  default boolean isAlive() {
    return !onExit().isDone();
  }

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
