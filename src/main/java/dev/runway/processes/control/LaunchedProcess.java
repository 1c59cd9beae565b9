package dev.runway.processes.control;

import java.io.InputStream;
import java.time.Duration;

/** A started process as the supervisor sees it; the seam that tests fake. */
public interface LaunchedProcess {

  long pid();

  InputStream stdout();

  InputStream stderr();

  /** Blocks until the process ends or {@code timeout} passes; whether it ended. */
  boolean waitFor(Duration timeout) throws InterruptedException;

  /** The exit status of the ended process: 128 + N when signal N killed it. */
  int exitCode();

  /** Ends the process and every descendant still alive. */
  void destroyTree();
}
