package dev.runway.processes.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every run's process shares: the node's environment, the API address handed to it, where
 * result files go, and how long a process tree asked to end (SIGTERM) has before it is killed
 * (SIGKILL).
 */
public record SupervisorSettings(
    Map<String, String> nodeEnvironment,
    String apiUrl,
    Path resultDirectory,
    Duration cancelGrace) {}
