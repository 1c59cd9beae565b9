package dev.runway.processes.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every run's process shares: the node's environment, the API address handed to it, where
 * result files go, how long to wait for output after the process itself has exited, and how long a
 * process tree asked to end (SIGTERM) has before it is killed (SIGKILL).
 */
public record SupervisorSettings(
    Map<String, String> nodeEnvironment,
    String apiUrl,
    Path resultDirectory,
    Duration outputGrace,
    Duration cancelGrace) {}
