package dev.runway.runner.boundary;

import dev.runway.cluster.entity.RunnerNode;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** What {@code GET /runner} shows: this node's runner and the live nodes sharing its store. */
@JsonbPropertyOrder({
  "name",
  "node",
  "started",
  "startedAt",
  "limit",
  "runningCount",
  "slotsAvailable",
  "runCount",
  "querySeconds",
  "prefetchSeconds",
  "lastPoll",
  "nodes"
})
public record RunnerStatus(
    String name,
    String node,
    boolean started,
    Instant startedAt,
    int limit,
    int runningCount,
    int slotsAvailable,
    long runCount,
    long querySeconds,
    long prefetchSeconds,
    Instant lastPoll,
    List<Node> nodes) {

  /** A live node and its last heartbeat. */
  @JsonbPropertyOrder({"name", "startedAt", "lastHeartbeat"})
  public record Node(String name, Instant startedAt, Instant lastHeartbeat) {
    static Node of(RunnerNode node) {
      return new Node(node.getName(), node.getStartedAt(), node.getHeartbeatAt());
    }
  }
}
