package dev.runway.processes.control;

import java.io.InputStream;

/** A started process as the supervisor sees it; the seam that tests fake. */
public interface LaunchedProcess {

  long pid();

  InputStream stdout();

  InputStream stderr();

  /** Blocks until the process ends; its exit status, 128 + N when signal N killed it. */
  int waitFor() throws InterruptedException;

  /** Ends the process and every descendant still alive. */
  void destroyTree();
}
