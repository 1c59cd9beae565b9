package dev.runway.processes.entity;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything needed to start one claimed run's process, read from the store beforehand. {@code
 * runCount} is the attempt about to start; {@code lastLogSeq} the last log line of earlier ones;
 * {@code apiToken} what the process shows the API to act on its own run; {@code timeoutSeconds} how
 * long it may run, null for ever.
 */
public record RunLaunch(
    UUID runId,
    String runName,
    UUID deploymentId,
    String deploymentName,
    String flowName,
    List<String> command,
    String workingDirectory,
    Map<String, String> env,
    JsonObject parameters,
    int runCount,
    long lastLogSeq,
    String apiToken,
    Integer timeoutSeconds) {}
