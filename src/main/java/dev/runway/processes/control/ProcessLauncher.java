package dev.runway.processes.control;

import dev.runway.processes.entity.LaunchSpec;
import java.io.IOException;

/** Starts operating-system processes; the seam that lets the runner's logic run without them. */
public interface ProcessLauncher {

  /** Starts the process, or throws when it cannot be started (no such program, not executable). */
  LaunchedProcess launch(LaunchSpec spec) throws IOException;
}
