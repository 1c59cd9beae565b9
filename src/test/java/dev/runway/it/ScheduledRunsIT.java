package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.Deployment;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.schedules.control.ScheduledRuns;
import dev.runway.schedules.control.StoredSchedules;
import dev.runway.schedules.entity.Schedule;
import dev.runway.schedules.entity.ScheduleRequest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs made ahead, inside the server against its real store: each (schedule, instant) gets one run
 * however many passes race for it, and the database itself refuses a second.
 */
@ExtendWith(ArquillianExtension.class)
class ScheduledRunsIT {

  @org.jboss.arquillian.container.test.api.Deployment
  static WebArchive runway() {
    return RunwayWar.packaged().addClass(ScheduledRunsIT.class);
  }

  @Inject Deployments deployments;

  @Inject ScheduledRuns scheduledRuns;

  @Inject FlowRuns flowRuns;

  @Inject DataSource store;

  @Test
  void racingTopUpsMakeEachScheduledRunExactlyOnce() throws Exception {
    UUID id = hourlyDeployment();
    int madeAtCreation = runsOf(id);
    assertTrue(madeAtCreation > 0);
    execute("delete from flow_run where deployment_id = ?", id);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> passes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        passes.add(() -> scheduledRuns.topUp(id));
      }
      int made = 0;
      for (Future<Integer> pass : pool.invokeAll(passes)) {
        made += pass.get();
      }

      // The scheduler service may take one turn among them: together they made each run once.
      assertTrue(made <= madeAtCreation, made + " runs made for " + madeAtCreation + " instants");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(madeAtCreation, runsOf(id));
    assertEquals(madeAtCreation, distinctInstantsOf(id));
  }

  @Test
  void theDatabaseRefusesASecondRunForTheSameScheduleAndInstant() throws Exception {
    UUID id = hourlyDeployment();
    Deployment deployment = deployments.get(id);
    Schedule schedule = StoredSchedules.read(deployment.getSchedules()).get(0);
    Instant taken = firstInstantOf(id);

    assertThrows(
        RuntimeException.class, () -> flowRuns.createScheduled(deployment, schedule, taken));

    assertEquals(1, countAt(id, taken));
  }

  private UUID hourlyDeployment() {
    return deployments
        .create(
            DeploymentRequest.of(
                    "scheduled-runs", "hourly-" + UUID.randomUUID(), List.of("/bin/true"))
                .withSchedules(List.of(ScheduleRequest.interval(3600))))
        .getId();
  }

  private int runsOf(UUID deployment) throws SQLException {
    return number("select count(*) from flow_run where deployment_id = ?", deployment);
  }

  private int distinctInstantsOf(UUID deployment) throws SQLException {
    return number(
        "select count(distinct scheduled_for) from flow_run where deployment_id = ?", deployment);
  }

  private Instant firstInstantOf(UUID deployment) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s =
            c.prepareStatement("select min(scheduled_for) from flow_run where deployment_id = ?")) {
      s.setObject(1, deployment);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getObject(1, java.time.OffsetDateTime.class).toInstant();
      }
    }
  }

  private int countAt(UUID deployment, Instant at) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from flow_run where deployment_id = ? and scheduled_for = ?")) {
      s.setObject(1, deployment);
      s.setObject(2, at.atOffset(java.time.ZoneOffset.UTC));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private int number(String sql, UUID deployment) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, deployment);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private void execute(String sql, UUID deployment) throws SQLException {
    try (Connection c = store.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, deployment);
      s.executeUpdate();
    }
  }
}
