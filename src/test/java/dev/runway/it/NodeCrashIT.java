package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runway.processes.control.ProcessTree;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed with {@code kill -9} while its runs are RUNNING, then started again: their
 * processes die with the server (its sentinel kills them), and the runs it held do not stay RUNNING
 * for ever. When the node starts again under the same {@code runway.runner.name}, it kills what is
 * left of each run's process and ends the run CRASHED ("... started again"), before it claims
 * anything.
 *
 * <p>Not an Arquillian test: the node is a WildFly of its own (see {@link ServerNode}), started
 * with {@code standalone.sh} on the store of the execution under a node name no other IT uses, on
 * ports of its own. Its store is its own too, made afresh: the embedded H2 in its own data
 * directory, or on PostgreSQL a schema of its own next to the ITs' one, so that no other node
 * (another build's Arquillian server on the ITs' schema) claims its runs or ends them as lost.
 */
class NodeCrashIT {

  private static final boolean POSTGRESQL =
      "wildfly-postgresql".equals(System.getProperty("arquillian.launch"));
  private static final String NODE = POSTGRESQL ? "crash-node-pg" : "crash-node";
  private static final int RUNS = 3;
  private static final Set<String> LIVE = Set.of("PENDING", "RUNNING", "CANCELLING");

  private ServerNode server;
  private final List<ProcessHandle> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      // Processes whose server was killed are no longer in its tree: end them by their handle,
      // which knows their start instant and so never signals a reused pid.
      processes.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void runsOfANodeKilledWhileRunningEndCrashedAndTheirProcessesAreKilledWhenItStartsAgain() {
    server = freshNode();
    server.start();
    server.awaitHealthy();
    Api api = new Api(server.url());
    String deployment =
        api.deploy(
            "{\"flowName\":\"node-crash\",\"name\":\"sleeper-"
                + UUID.randomUUID()
                + "\",\"command\":[\"/bin/sleep\",\"300\"],\"retries\":0}");
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(api.run(deployment, "{}"));
    }
    Map<String, ProcessHandle> sleeps = awaitRunning(api, runs);

    server.kill();

    // The node's sentinel sees the server die and kills its runs' processes at once: no attempt
    // of these runs can still be running when another node or the restarted one runs them again.
    Api.awaitTrue(
        "the processes of the killed server, " + pids(sleeps) + ", die with it",
        Duration.ofSeconds(15),
        () -> sleeps.values().stream().noneMatch(sleep -> ProcessTree.isRunning(sleep.pid())));

    server.start();
    server.awaitHealthy();

    Map<String, JsonObject> ended = awaitEnded(api, runs, Duration.ofSeconds(60));
    assertAll(
        ended.values().stream()
            .map(
                run ->
                    () -> {
                      String message = run.getJsonObject("state").getString("message", "");
                      assertEquals(
                          "CRASHED",
                          Api.stateType(run),
                          "run " + run.getString("id") + " ended CRASHED: " + run);
                      assertTrue(
                          message.contains("started again"),
                          "the state message says the node started again: " + message);
                    }));
    Api.awaitTrue(
        "the processes the killed node left behind, " + pids(sleeps) + ", are killed",
        Duration.ofSeconds(30),
        () -> sleeps.values().stream().noneMatch(sleep -> ProcessTree.isRunning(sleep.pid())));
  }

  /** The node on the store of this execution, not started; its base directory is made afresh. */
  private static ServerNode freshNode() {
    Path target = Path.of(System.getProperty("runway.war")).getParent();
    int offset = POSTGRESQL ? 400 : 300;
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("runway.runner.name", NODE);
    properties.put("runway.runner.limit", "5");
    properties.put("runway.runner.query-seconds", "300");
    properties.put("runway.api-url", "http://localhost:" + (8080 + offset) + "/runway/api");
    if (POSTGRESQL) {
      String schema = System.getProperty("runway.test.db.schema") + "_crash";
      TestSchemas.recreate(schema);
      properties.put(
          "runway.db.url", System.getProperty("runway.test.db.url") + "?currentSchema=" + schema);
      properties.put("runway.db.user", System.getProperty("runway.test.db.user"));
      properties.put("runway.db.password", System.getProperty("runway.test.db.password"));
    }
    return ServerNode.fresh(
        target.resolve(POSTGRESQL ? "crash-node-postgresql" : "crash-node"),
        POSTGRESQL ? "standalone-runway-postgresql.xml" : "standalone-runway.xml",
        offset,
        properties);
  }

  /**
   * Awaits every run RUNNING with its process, and returns the processes by run. They are noted at
   * once, so that {@link #stopEverything()} ends them whatever happens next.
   */
  private Map<String, ProcessHandle> awaitRunning(Api api, List<String> runs) {
    Map<String, ProcessHandle> sleeps = new LinkedHashMap<>();
    for (String id : runs) {
      JsonObject run =
          api.await(
              id,
              r -> "RUNNING".equals(Api.stateType(r)) && !Api.isNull(r, "pid"),
              Duration.ofSeconds(30));
      assertEquals(NODE, run.getString("node"), "the node under test holds run " + id);
      long pid = run.getJsonNumber("pid").longValue();
      ProcessHandle sleep =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new AssertionError("no process " + pid + " for run " + id));
      processes.add(sleep);
      assertTrue(
          sleep.info().command().orElse("").endsWith("sleep"),
          "run " + id + " has the pid of its sleep: " + sleep.info());
      sleeps.put(id, sleep);
    }
    return sleeps;
  }

  /** Awaits every run out of PENDING, RUNNING and CANCELLING; returns them by id. */
  private Map<String, JsonObject> awaitEnded(Api api, List<String> runs, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Map<String, JsonObject> current = new LinkedHashMap<>();
      for (String id : runs) {
        current.put(id, find(api, id));
      }
      if (current.values().stream().noneMatch(run -> LIVE.contains(Api.stateType(run)))) {
        return current;
      }
      if (Instant.now().isAfter(deadline)) {
        fail(
            "runs of the killed node still live "
                + timeout
                + " after it started again: "
                + current.values()
                + server.tail());
      }
      pause();
    }
  }

  /** The run as the restarted node has it: one it no longer knows was lost by its store. */
  private JsonObject find(Api api, String id) {
    Api.Reply reply = api.get("flow-runs/" + id);
    if (reply.status() != 200) {
      fail(
          "run "
              + id
              + ", RUNNING when the node was killed, is not found after its restart: "
              + reply
              + server.tail());
    }
    return reply.object();
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> pids(Map<String, ProcessHandle> processes) {
    return processes.values().stream().map(ProcessHandle::pid).toList();
  }

  /** An empty schema: nothing left from an earlier build, no other node's runs. */
}
