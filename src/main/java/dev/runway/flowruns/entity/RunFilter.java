package dev.runway.flowruns.entity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Which runs a list shows; null fields do not filter. Times bound the expected start. */
public record RunFilter(
    UUID deploymentId, String flowName, Set<StateType> stateTypes, Instant since, Instant until) {}
