package dev.runway.processes.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every run's process shares: the node's environment, the API address handed to it, where
 * result files go, and how long to wait for output after the process itself has exited.
 */
public record SupervisorSettings(
    Map<String, String> nodeEnvironment,
    String apiUrl,
    Path resultDirectory,
    Duration outputGrace) {}
