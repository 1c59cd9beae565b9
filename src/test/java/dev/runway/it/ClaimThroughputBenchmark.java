package dev.runway.it;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Claim throughput on PostgreSQL, printed, never asserted: runs of {@code /bin/true} per second
 * with one node and with two, from the first process start to the last end as the runs record them,
 * beside the ceiling of the same number of {@code ProcessBuilder} spawns with the same parallelism
 * in this JVM. Run with {@code mvn verify -Pbenchmark}; not part of the test command.
 */
class ClaimThroughputBenchmark {

  private static final int RUNS = Integer.getInteger("benchmark.runs", 1000);
  private static final int LIMIT = Integer.getInteger("benchmark.limit", 16);

  @Test
  void claimThroughputWithOneAndTwoNodesAgainstTheSpawnCeiling() throws Exception {
    String schema = System.getProperty("runway.test.db.schema") + "_bench";
    TestSchemas.recreate(schema);
    Path target = Path.of(System.getProperty("runway.war")).getParent();
    List<ServerNode> nodes = new ArrayList<>();
    try {
      nodes.add(node(target, "bench-a", 700, schema));
      nodes.get(0).start();
      nodes.get(0).awaitHealthy();
      double one = runsPerSecond(List.of(new Api(nodes.get(0).url())), "one-node");

      nodes.add(node(target, "bench-b", 800, schema));
      nodes.get(1).start();
      nodes.get(1).awaitHealthy();
      double two =
          runsPerSecond(
              List.of(new Api(nodes.get(0).url()), new Api(nodes.get(1).url())), "two-nodes");

      double ceiling = spawnCeiling();
      System.out.printf(
          "%n== Claim throughput: %d runs of /bin/true, limit %d per node, %d cores, Java %s ==%n"
              + "  ProcessBuilder ceiling (one JVM) : %8.1f runs/s%n"
              + "  Runway, one node                 : %8.1f runs/s (%.0f %% of the ceiling)%n"
              + "  Runway, two nodes                : %8.1f runs/s (%.0f %% of the ceiling)%n%n",
          RUNS,
          LIMIT,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          ceiling,
          one,
          100 * one / ceiling,
          two,
          100 * two / ceiling);
    } finally {
      nodes.forEach(ServerNode::close);
    }
  }

  /** Creates the runs due at one instant through the nodes, then measures them from the store. */
  private static double runsPerSecond(List<Api> nodes, String name) {
    Api api = nodes.get(0);
    String deployment =
        api.deploy(
            "{\"flowName\":\"bench\",\"name\":\"" + name + "\",\"command\":[\"/bin/true\"]}");
    String at = OffsetDateTime.now().plusSeconds(60).toString();
    for (int i = 0; i < RUNS; i++) {
      nodes.get(i % nodes.size()).run(deployment, "{\"scheduledStart\":\"" + at + "\"}");
    }
    Api.awaitTrue(
        "all runs of " + name + " completed",
        Duration.ofMinutes(10),
        () ->
            api.get("flow-runs?limit=1&deploymentId=" + deployment + "&stateType=COMPLETED")
                    .totalCount()
                == RUNS);
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    for (int offset = 0; offset < RUNS; offset += 500) {
      for (JsonObject run :
          api.get("flow-runs?limit=500&offset=" + offset + "&deploymentId=" + deployment)
              .array()
              .getValuesAs(JsonObject.class)) {
        Instant start = Instant.parse(run.getString("startTime"));
        Instant end = Instant.parse(run.getString("endTime"));
        first = start.isBefore(first) ? start : first;
        last = end.isAfter(last) ? end : last;
      }
    }
    return RUNS / (Duration.between(first, last).toNanos() / 1e9);
  }

  /** The same number of spawn-and-wait of /bin/true, {@link #LIMIT} at a time, in this JVM. */
  private static double spawnCeiling() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(LIMIT);
    try {
      long start = System.nanoTime();
      List<Future<Integer>> spawns = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        spawns.add(pool.submit(() -> new ProcessBuilder("/bin/true").start().waitFor()));
      }
      for (Future<Integer> spawn : spawns) {
        spawn.get();
      }
      return RUNS / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static ServerNode node(Path target, String name, int offset, String schema) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("runway.runner.name", name);
    properties.put("runway.runner.limit", Integer.toString(LIMIT));
    properties.put("runway.api-url", "http://localhost:" + (8080 + offset) + "/runway/api");
    properties.put(
        "runway.db.url", System.getProperty("runway.test.db.url") + "?currentSchema=" + schema);
    properties.put("runway.db.user", System.getProperty("runway.test.db.user"));
    properties.put("runway.db.password", System.getProperty("runway.test.db.password"));
    return ServerNode.fresh(
        target.resolve("bench-" + name), "standalone-runway-postgresql.xml", offset, properties);
  }
}
