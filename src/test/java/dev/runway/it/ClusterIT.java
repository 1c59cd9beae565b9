package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two WildFly nodes, each a server process of its own with a limit of four, on one PostgreSQL
 * schema of their own: every run is started by exactly one node, each node keeps its limit and a
 * deployment's limit holds across both, as the processes themselves see it. Runs in the PostgreSQL
 * execution only (the embedded store serves one node).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final int NODE_LIMIT = 4;

  /** A few heartbeats of 2 s, far short of the 300 s safety-net poll. */
  private static final Duration HEARTBEATS = Duration.ofSeconds(15);

  private static final List<ServerNode> NODES = new ArrayList<>();
  private static Api nodeA;
  private static Api nodeB;

  @BeforeAll
  static void startTwoNodes() {
    String schema = System.getProperty("runway.test.db.schema") + "_cluster";
    TestSchemas.recreate(schema);
    Path target = Path.of(System.getProperty("runway.war")).getParent();
    NODES.add(node(target, "node-a", 500, schema));
    NODES.add(node(target, "node-b", 600, schema));
    NODES.forEach(ServerNode::start);
    NODES.forEach(ServerNode::awaitHealthy);
    nodeA = new Api(NODES.get(0).url());
    nodeB = new Api(NODES.get(1).url());
  }

  @AfterAll
  static void stopNodes() {
    NODES.forEach(ServerNode::close);
  }

  private static ServerNode node(Path target, String name, int offset, String schema) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("runway.runner.name", name);
    properties.put("runway.runner.limit", Integer.toString(NODE_LIMIT));
    properties.put("runway.runner.query-seconds", "300");
    properties.put("runway.runner.heartbeat-seconds", "2");
    properties.put("runway.api-url", "http://localhost:" + (8080 + offset) + "/runway/api");
    properties.put(
        "runway.db.url", System.getProperty("runway.test.db.url") + "?currentSchema=" + schema);
    properties.put("runway.db.user", System.getProperty("runway.test.db.user"));
    properties.put("runway.db.password", System.getProperty("runway.test.db.password"));
    return ServerNode.fresh(
        target.resolve("cluster-" + name), "standalone-runway-postgresql.xml", offset, properties);
  }

  @Test
  @Order(1)
  void fiveHundredRunsDueAtOnceRunOnceEachWithinEachNodesLimit() throws IOException {
    Path shared = Files.createTempDirectory("runway-cluster-");
    // Each process counts the processes of its node alive with it (its node is the port of its
    // RUNWAY_API_URL) under a lock, notes the highest count, and writes its run id once.
    String script =
        "node=${RUNWAY_API_URL#*localhost:}; node=${node%%/*}; exec 9>>\\\"$DIR/lock\\\"; "
            + "flock 9; n=$(cat \\\"$DIR/alive.$node\\\" 2>/dev/null || echo 0); n=$((n+1)); "
            + "echo $n > \\\"$DIR/alive.$node\\\"; echo $n >> \\\"$DIR/most.$node\\\"; "
            + "echo $RUNWAY_FLOW_RUN_ID >> \\\"$DIR/ids\\\"; flock -u 9; sleep 0.05; "
            + "flock 9; n=$(cat \\\"$DIR/alive.$node\\\");"
            + " echo $((n-1)) > \\\"$DIR/alive.$node\\\"";
    String deployment =
        nodeA.deploy(
            "{\"flowName\":\"cluster\",\"name\":\"five-hundred\",\"env\":{\"DIR\":"
                + Api.json(shared.toString())
                + "},\"command\":[\"/bin/sh\",\"-c\",\""
                + script
                + "\"]}");
    String at = OffsetDateTime.now().plusSeconds(40).toString();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Api api = i % 2 == 0 ? nodeA : nodeB;
      created.add(api.run(deployment, "{\"scheduledStart\":\"" + at + "\"}"));
    }

    Api.awaitTrue(
        "all 500 runs ended",
        Duration.ofMinutes(4),
        () ->
            nodeA
                        .get(
                            "flow-runs?limit=1&deploymentId=" + deployment + "&stateType=COMPLETED")
                        .totalCount()
                    + nodeA
                        .get(
                            "flow-runs?limit=1&deploymentId="
                                + deployment
                                + "&stateType=FAILED&stateType=CRASHED&stateType=CANCELLED")
                        .totalCount()
                == 500);

    assertEquals(
        500,
        nodeA
            .get("flow-runs?limit=1&deploymentId=" + deployment + "&stateType=COMPLETED")
            .totalCount(),
        "every run completed");
    List<String> ids = Files.readAllLines(shared.resolve("ids"));
    assertEquals(500, ids.size(), "500 processes ran");
    assertEquals(created, new HashSet<>(ids), "each run's process ran exactly once");
    for (ServerNode node : NODES) {
      Path most = shared.resolve("most." + node.httpPort());
      assertTrue(
          Files.exists(most),
          () -> "node on port " + node.httpPort() + " ran some of them" + node.runwayWarnings());
      int highest =
          Files.readAllLines(most).stream().mapToInt(Integer::parseInt).max().orElseThrow();
      assertTrue(
          highest <= NODE_LIMIT,
          "node on port " + node.httpPort() + " had " + highest + " processes alive together");
    }
  }

  @Test
  @Order(2)
  void aDeploymentsLimitHoldsAcrossBothNodes() throws IOException {
    Path marks = Files.createTempDirectory("runway-cluster-limit-");
    String deployment =
        nodeB.deploy(
            "{\"flowName\":\"cluster\",\"name\":\"two-at-most\",\"concurrencyLimit\":2,"
                + "\"env\":{\"MARKS\":"
                + Api.json(marks.toString())
                + "},\"command\":[\"/bin/sh\",\"-c\",\"touch \\\"$MARKS/$RUNWAY_FLOW_RUN_ID\\\"; "
                + "ls \\\"$MARKS\\\" | wc -l; sleep 1; rm \\\"$MARKS/$RUNWAY_FLOW_RUN_ID\\\"\"]}");
    // Node A keeps one slot free, so it can hold at most one of the deployment's two: node B
    // must take the other, and the limit is then shared between the nodes.
    List<String> hogs = occupyAllButOneSlotOfNodeA();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add((i % 2 == 0 ? nodeA : nodeB).run(deployment, "{}"));
    }

    int mostAlive = 0;
    Set<String> nodes = new HashSet<>();
    for (String id : ids) {
      JsonObject run = nodeA.awaitEnd(id);
      assertEquals("COMPLETED", Api.stateType(run), run.toString());
      nodes.add(run.getString("node"));
      String count =
          nodeA.get("flow-runs/" + id + "/logs").array().getJsonObject(0).getString("message");
      mostAlive = Math.max(mostAlive, Integer.parseInt(count.trim()));
    }

    hogs.forEach(id -> nodeA.post("flow-runs/" + id + "/cancel", ""));
    hogs.forEach(nodeA::awaitEnd);
    assertTrue(mostAlive <= 2, mostAlive + " processes of the deployment were alive together");
    assertEquals(Set.of("node-a", "node-b"), nodes, "both nodes ran some of them");
  }

  /** Runs of {@code sleep 300} started on node A by hand, in all of its slots but one. */
  private static List<String> occupyAllButOneSlotOfNodeA() {
    String hog =
        nodeA.deploy(
            "{\"flowName\":\"cluster\",\"name\":\"hog\","
                + "\"command\":[\"/bin/sleep\",\"300\"]}");
    String later = Instant.now().plus(Duration.ofHours(1)).toString();
    List<String> hogs = new ArrayList<>();
    for (int i = 0; i < NODE_LIMIT - 1; i++) {
      String id = nodeA.run(hog, "{\"scheduledStart\":\"" + later + "\"}");
      assertEquals(202, nodeA.post("runner/flow-runs/" + id + "/execute", "").status());
      hogs.add(id);
    }
    hogs.forEach(id -> nodeA.await(id, r -> "RUNNING".equals(Api.stateType(r)), HEARTBEATS));
    return hogs;
  }

  @Test
  @Order(3)
  void withCancelNewARunBeyondTheLimitOnEitherNodeIsCancelled() {
    String deployment =
        nodeA.deploy(
            "{\"flowName\":\"cluster\",\"name\":\"no-pile-up\",\"concurrencyLimit\":1,"
                + "\"collisionStrategy\":\"CANCEL_NEW\",\"command\":[\"/bin/sleep\",\"4\"]}");
    String first = nodeA.run(deployment, "{}");
    nodeA.await(first, r -> "RUNNING".equals(Api.stateType(r)), Duration.ofSeconds(30));

    List<JsonObject> extra =
        List.of(nodeB.run(deployment, "{}"), nodeB.run(deployment, "{}")).stream()
            .map(nodeB::awaitEnd)
            .toList();

    extra.forEach(
        run -> {
          assertEquals("CANCELLED", Api.stateType(run), run.toString());
          assertTrue(
              run.getJsonObject("state").getString("message").contains("CANCEL_NEW"),
              run.toString());
        });
    assertEquals("COMPLETED", Api.stateType(nodeA.awaitEnd(first)));
  }

  @Test
  @Order(4)
  void aRunCreatedOnANodeThatDoesNotClaimIsStartedByTheOtherWithinAHeartbeat() {
    String deployment =
        nodeB.deploy(
            "{\"flowName\":\"cluster\",\"name\":\"left-to-the-other\","
                + "\"command\":[\"/bin/true\"]}");
    assertEquals(200, nodeB.post("runner/stop", "").status());
    try {
      // Node A hears nothing of it: it was created on B, and A polls only every 300 s.
      String run = nodeB.run(deployment, "{}");
      JsonObject ended = nodeA.await(run, r -> "COMPLETED".equals(Api.stateType(r)), HEARTBEATS);
      assertEquals("node-a", node(ended), ended.toString());
    } finally {
      assertEquals(200, nodeB.post("runner/start", "").status());
    }
  }

  /** Last: it kills node A. */
  @Test
  @Order(5)
  void aNodeKilledDuringItsRunsLosesThemToTheOtherWhichRunsThemAgainNeverTwiceAtOnce()
      throws IOException {
    Path shared = Files.createTempDirectory("runway-cluster-kill-");
    // Each attempt checks that no earlier attempt of its run is still running (a killed one may
    // linger as a zombie here, which does not count), then leaves its pid.
    String script =
        "f=\\\"$DIR/$RUNWAY_FLOW_RUN_ID\\\"; p=$(cat \\\"$f\\\" 2>/dev/null);"
            + " s=$(cut -d' ' -f3 /proc/$p/stat 2>/dev/null);"
            + " if [ -n \\\"$p\\\" ] && [ -n \\\"$s\\\" ] && [ \\\"$s\\\" != Z ]; then"
            + " echo $RUNWAY_FLOW_RUN_ID >> \\\"$DIR/overlaps\\\"; fi;"
            + " echo $$ > \\\"$f\\\"; sleep 4";
    String deployment =
        nodeA.deploy(
            "{\"flowName\":\"cluster\",\"name\":\"survivors\",\"retries\":1,\"env\":{\"DIR\":"
                + Api.json(shared.toString())
                + "},\"command\":[\"/bin/sh\",\"-c\",\""
                + script
                + "\"]}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add((i % 2 == 0 ? nodeA : nodeB).run(deployment, "{}"));
    }
    Api.awaitTrue(
        "node A runs some of them",
        Duration.ofSeconds(30),
        () ->
            ids.stream()
                .map(id -> nodeB.get("flow-runs/" + id).object())
                .anyMatch(r -> "RUNNING".equals(Api.stateType(r)) && "node-a".equals(node(r))));
    Set<String> onA = new HashSet<>();
    ids.forEach(
        id -> {
          JsonObject run = nodeB.get("flow-runs/" + id).object();
          if ("node-a".equals(node(run)) && "RUNNING".equals(Api.stateType(run))) {
            onA.add(id);
          }
        });

    NODES.get(0).kill();

    for (String id : ids) {
      JsonObject run = nodeB.awaitEnd(id);
      assertEquals("COMPLETED", Api.stateType(run), run.toString());
      if (onA.contains(id)) {
        assertEquals(2, run.getInt("runCount"), "a run of node A ran again: " + run);
        assertEquals("node-b", node(run));
        List<String> messages =
            nodeB.get("flow-runs/" + id + "/states").array().getValuesAs(JsonObject.class).stream()
                .map(st -> st.getString("message", ""))
                .toList();
        assertTrue(
            messages.stream().anyMatch(m -> m.contains("runner node lost: node-a")),
            messages.toString());
      }
    }
    assertTrue(
        !Files.exists(shared.resolve("overlaps")),
        "no run ran two attempts at once: "
            + (Files.exists(shared.resolve("overlaps"))
                ? Files.readAllLines(shared.resolve("overlaps"))
                : List.of()));
  }

  private static String node(JsonObject run) {
    return Api.isNull(run, "node") ? null : run.getString("node");
  }
}
