package dev.runway.cluster.entity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A runner node stopped heartbeating and another node ended the runs it held: CRASHED {@code runner
 * node lost}, or back to SCHEDULED where retries allow. Fired once per loss.
 */
public record NodeLost(String node, Instant lastHeartbeat, String foundBy, List<UUID> runs) {}
