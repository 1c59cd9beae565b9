package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.RunRequest;
import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node that stops heartbeating loses its runs to the live nodes: the store is made to hold a
 * silent node "ghost" with a RUNNING run, as a node killed without warning leaves it, and this node
 * (heartbeat every 2 s on the IT server) must end that run, once, and let retries apply.
 */
@ExtendWith(ArquillianExtension.class)
class NodeLossIT {

  @org.jboss.arquillian.container.test.api.Deployment
  static WebArchive runway() {
    return RunwayWar.packaged().addClass(NodeLossIT.class);
  }

  @Inject Deployments deployments;

  @Inject FlowRuns flowRuns;

  @Inject DataSource store;

  @Test
  void aLostNodesRunIsCrashedAndRetriedByALiveNode() throws Exception {
    String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
    UUID retried = runHeldBy(ghost, 1);
    UUID crashed = runHeldBy(ghost, 0);

    silentNode(ghost, Instant.now().minus(Duration.ofMinutes(5)));

    FlowRun ended = await(crashed, r -> r.getStateType().isTerminal());
    assertEquals(StateType.CRASHED, ended.getStateType());
    assertTrue(
        ended.state().message().startsWith("runner node lost: " + ghost), ended.state().message());
    FlowRun again = await(retried, r -> r.getStateType() == StateType.COMPLETED);
    assertEquals(2, again.getRunCount(), "the second attempt ran on a live node");
    List<State> history = flowRuns.history(retried);
    assertTrue(
        history.stream()
            .anyMatch(
                s ->
                    "AwaitingRetry".equals(s.name())
                        && s.message().contains("runner node lost: " + ghost)),
        history.toString());
    assertNotNull(lostAt(ghost), "the loss is recorded once, for the NodeLost event");
  }

  /** A run of a fresh deployment with {@code retries}, made RUNNING on {@code node}. */
  private UUID runHeldBy(String node, int retries) throws SQLException {
    UUID deployment =
        deployments
            .create(
                new DeploymentRequest(
                    "ghost-" + UUID.randomUUID(),
                    "node-loss",
                    List.of("/bin/true"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    retries,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null))
            .getId();
    UUID run =
        flowRuns
            .create(deployment, new RunRequest(null, OffsetDateTime.now().plusDays(1), null, null))
            .run()
            .getId();
    update(
        "update flow_run set state_type = 'RUNNING', state_name = 'Running', node = ?,"
            + " pid = 999999999, run_count = 1 where id = ?",
        node,
        run);
    return run;
  }

  private void silentNode(String name, Instant lastBeat) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into runner_node (name, started_at, heartbeat_at) values (?, ?, ?)")) {
      OffsetDateTime at = lastBeat.atOffset(ZoneOffset.UTC);
      s.setString(1, name);
      s.setObject(2, at);
      s.setObject(3, at);
      s.executeUpdate();
    }
  }

  private OffsetDateTime lostAt(String name) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s =
            c.prepareStatement("select lost_at from runner_node where name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getObject(1, OffsetDateTime.class) : null;
      }
    }
  }

  private void update(String sql, String node, UUID run) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, node);
      s.setObject(2, run);
      s.executeUpdate();
    }
  }

  private FlowRun await(UUID run, Predicate<FlowRun> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    FlowRun current = flowRuns.get(run);
    while (!condition.test(current)) {
      if (Instant.now().isAfter(deadline)) {
        fail("run " + run + " is " + current.state());
      }
      Thread.sleep(100);
      current = flowRuns.get(run);
    }
    return current;
  }
}
