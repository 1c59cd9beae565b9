package dev.runway.flowruns.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * A run entered a new state. Fired inside the transaction that made the change; observers that act
 * on it listen after a successful commit. {@code from} is null for a run just created.
 */
public record FlowRunStateChanged(
    UUID flowRunId, UUID deploymentId, State from, State to, Instant expectedStartTime) {}
