package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.Deployment;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.control.LogStore;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.RunRequest;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.ProblemException;
import dev.runway.runner.boundary.Runner;
import dev.runway.runner.entity.Flow;
import dev.runway.runner.entity.FlowOptions;
import dev.runway.schedules.control.StoredSchedules;
import dev.runway.schedules.entity.Schedule;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runner bean's Java API, called inside the server: the packaged WAR plus this class only. */
@ExtendWith(ArquillianExtension.class)
class RunnerJavaApiIT {

  @org.jboss.arquillian.container.test.api.Deployment
  static WebArchive runway() {
    return RunwayWar.packaged().addClass(RunnerJavaApiIT.class);
  }

  @Inject Runner runner;

  @Inject FlowRuns flowRuns;

  @Inject LogStore logs;

  @Inject Deployments deployments;

  @Test
  void addDeploymentCreatesThenReplacesByFlowAndName() {
    String name = "api-" + UUID.randomUUID();

    UUID first = runner.addDeployment(DeploymentRequest.of("java-api", name, List.of("/bin/true")));
    UUID again =
        runner.addDeployment(DeploymentRequest.of("java-api", name, List.of("/bin/false")));

    assertEquals(first, again);
  }

  @Test
  void addFlowTurnsEachIntervalCronOrRruleValueIntoASchedule() {
    String name = "flow-" + UUID.randomUUID();

    UUID id =
        runner.addFlow(
            Flow.of("java-flow", "/bin/true"),
            FlowOptions.defaults().name(name).cron("0 4 * * *", "0 16 * * *").paused(true));

    Deployment stored = deployments.get(id);
    assertTrue(stored.isPaused());
    List<Schedule> schedules = StoredSchedules.read(stored.getSchedules());
    assertEquals(
        List.of("0 4 * * *", "0 16 * * *"), schedules.stream().map(Schedule::cron).toList());
    UUID again =
        runner.addFlow(
            Flow.of("java-flow", "/bin/true"),
            FlowOptions.defaults().name(name).interval(Duration.ofMinutes(5)));
    assertEquals(id, again, "the same flow and name is the same deployment");
    List<Schedule> replaced = StoredSchedules.read(deployments.get(id).getSchedules());
    assertEquals(300L, replaced.get(0).interval());
    assertTrue(deployments.get(id).isPaused(), "an upsert that does not say keeps the pause");
  }

  @Test
  void addFlowRefusesTwoWaysOfGivingSchedules() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                runner.addFlow(
                    Flow.of("java-flow", "/bin/true"),
                    FlowOptions.defaults()
                        .name("both-" + UUID.randomUUID())
                        .interval(Duration.ofMinutes(1))
                        .rrule("FREQ=HOURLY")));

    assertEquals(400, refused.status());
    assertEquals("schedules", refused.errors().get(0).field());
  }

  @Test
  void executeFlowRunRunsAFutureRunNowAndItsFutureEndsWithTheRun() throws Exception {
    UUID deployment =
        runner.addDeployment(
            DeploymentRequest.of(
                "java-api",
                "execute-" + UUID.randomUUID(),
                List.of("/bin/sh", "-c", "echo from-java")));
    UUID run =
        flowRuns
            .create(deployment, new RunRequest(null, OffsetDateTime.now().plusHours(1), null, null))
            .run()
            .getId();

    runner.executeFlowRun(run).get(60, TimeUnit.SECONDS);

    FlowRun ended = flowRuns.get(run);
    assertEquals(StateType.COMPLETED, ended.getStateType());
    assertEquals("from-java", logs.read(run, 0, 10).get(0).getMessage());
  }

  @Test
  void executeFlowRunRefusesARunThatAlreadyEnded() throws Exception {
    UUID deployment =
        runner.addDeployment(
            DeploymentRequest.of("java-api", "ended-" + UUID.randomUUID(), List.of("/bin/true")));
    UUID run = flowRuns.create(deployment, RunRequest.now()).run().getId();
    awaitState(run, StateType.COMPLETED);

    ProblemException refused =
        assertThrows(ProblemException.class, () -> runner.executeFlowRun(run));

    assertEquals(409, refused.status());
  }

  @Test
  void stoppedRunnerClaimsNothingUntilStartedAgain() {
    UUID deployment =
        runner.addDeployment(
            DeploymentRequest.of("java-api", "stopped-" + UUID.randomUUID(), List.of("/bin/true")));
    runner.stop();
    try {
      UUID run = flowRuns.create(deployment, RunRequest.now()).run().getId();

      assertFalse(runner.status().started());
      assertEquals(StateType.SCHEDULED, flowRuns.get(run).getStateType());

      runner.start(false);
      awaitState(run, StateType.COMPLETED);
    } finally {
      runner.start(false);
    }
  }

  @Test
  void startRunOnceRunsWhatIsDueAndReturnsWhenThoseRunsEnded() {
    UUID deployment =
        runner.addDeployment(
            DeploymentRequest.of(
                "java-api",
                "once-" + UUID.randomUUID(),
                List.of("/bin/sh", "-c", "sleep 1; echo once")));
    runner.stop();
    try {
      // Long overdue, so that they are the oldest due runs the single poll finds.
      RunRequest overdue = new RunRequest(null, OffsetDateTime.now().minusDays(1), null, null);
      List<UUID> runs =
          List.of(
              flowRuns.create(deployment, overdue).run().getId(),
              flowRuns.create(deployment, overdue).run().getId());

      runner.start(true);

      for (UUID run : runs) {
        assertEquals(StateType.COMPLETED, flowRuns.get(run).getStateType(), run.toString());
      }
      assertFalse(runner.status().started(), "a single poll leaves the runner stopped");
    } finally {
      runner.start(false);
    }
  }

  @Test
  void stopCancelsTheRunsOfThisNode() {
    UUID deployment =
        runner.addDeployment(
            DeploymentRequest.of(
                "java-api", "stop-" + UUID.randomUUID(), List.of("/bin/sleep", "300")));
    UUID run = flowRuns.create(deployment, RunRequest.now()).run().getId();
    awaitState(run, StateType.RUNNING);
    try {
      runner.stop();

      awaitState(run, StateType.CANCELLED);
      assertEquals("Runner is shutting down.", flowRuns.get(run).state().message());
    } finally {
      runner.start(false);
    }
  }

  @Test
  void rescheduleCurrentFlowRunsHandsRunningRunsBackToRunAgain() {
    UUID deployment =
        runner.addDeployment(
            DeploymentRequest.of(
                "java-api", "resched-" + UUID.randomUUID(), List.of("/bin/sleep", "300")));
    UUID run = flowRuns.create(deployment, RunRequest.now()).run().getId();
    awaitState(run, StateType.RUNNING);

    runner.rescheduleCurrentFlowRuns();

    assertTrue(
        flowRuns.history(run).stream().anyMatch(s -> "AwaitingRetry".equals(s.name())),
        flowRuns.history(run).toString());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (flowRuns.get(run).getRunCount() < 2 && Instant.now().isBefore(deadline)) {
      Thread.onSpinWait();
    }
    assertEquals(2, flowRuns.get(run).getRunCount(), "the run ran again, on this node");
    flowRuns.cancel(run, "test over");
    awaitState(run, StateType.CANCELLED);
  }

  @Test
  void backgroundTasksRunOnTheManagedExecutor() throws Exception {
    assertEquals(42, runner.executeInBackground(() -> 6 * 7).get(10, TimeUnit.SECONDS));
  }

  @Test
  void anIdleRunnerHasSlots() {
    assertTrue(runner.hasSlotsAvailable());
    assertEquals(2, runner.status().limit());
  }

  private void awaitState(UUID run, StateType expected) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (flowRuns.get(run).getStateType() != expected) {
      if (Instant.now().isAfter(deadline)) {
        fail("run " + run + " is " + flowRuns.get(run).getStateType() + ", not " + expected);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(e);
      }
    }
  }
}
