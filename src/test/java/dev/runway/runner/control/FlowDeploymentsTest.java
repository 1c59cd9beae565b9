package dev.runway.runner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.platform.control.ProblemException;
import dev.runway.runner.entity.Flow;
import dev.runway.runner.entity.FlowOptions;
import dev.runway.schedules.entity.ScheduleRequest;
import dev.runway.triggers.entity.TriggerRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlowDeploymentsTest {

  private static final Flow FLOW = Flow.of("etl", "/usr/bin/etl", "--full");

  @Test
  void theDeploymentIsNamedAfterTheRunnerUnlessTheOptionsSay() {
    assertEquals("node-1", FlowDeployments.request(FLOW, FlowOptions.defaults(), "node-1").name());
    assertEquals(
        "nightly",
        FlowDeployments.request(FLOW, FlowOptions.defaults().name("nightly"), "node-1").name());
  }

  @Test
  void theFlowGivesFlowNameAndCommand() {
    DeploymentRequest request = FlowDeployments.request(FLOW, FlowOptions.defaults(), "n");

    assertEquals("etl", request.flowName());
    assertEquals(List.of("/usr/bin/etl", "--full"), request.command());
  }

  @Test
  void eachIntervalBecomesOneScheduleInSeconds() {
    List<ScheduleRequest> schedules =
        FlowDeployments.request(
                FLOW,
                FlowOptions.defaults().interval(Duration.ofMinutes(5), Duration.ofHours(1)),
                "n")
            .schedules();

    assertEquals(
        List.of(new BigDecimal("300"), new BigDecimal("3600")),
        schedules.stream()
            .map(ScheduleRequest::interval)
            .map(BigDecimal::stripTrailingZeros)
            .map(b -> b.setScale(0))
            .toList());
  }

  @Test
  void eachCronAndEachRruleBecomesOneSchedule() {
    assertEquals(
        List.of("0 1 * * *", "0 13 * * *"),
        FlowDeployments.request(FLOW, FlowOptions.defaults().cron("0 1 * * *", "0 13 * * *"), "n")
            .schedules()
            .stream()
            .map(ScheduleRequest::cron)
            .toList());
    assertEquals(
        List.of("FREQ=HOURLY"),
        FlowDeployments.request(FLOW, FlowOptions.defaults().rrule("FREQ=HOURLY"), "n")
            .schedules()
            .stream()
            .map(ScheduleRequest::rrule)
            .toList());
  }

  @Test
  void noScheduleOptionMeansNoSchedules() {
    assertEquals(List.of(), FlowDeployments.request(FLOW, FlowOptions.defaults(), "n").schedules());
  }

  static Stream<FlowOptions> twoWaysOfGivingSchedules() {
    ScheduleRequest one = ScheduleRequest.cron("0 0 * * *");
    return Stream.of(
        FlowOptions.defaults().interval(Duration.ofMinutes(1)).cron("* * * * *"),
        FlowOptions.defaults().interval(Duration.ofMinutes(1)).rrule("FREQ=DAILY"),
        FlowOptions.defaults().cron("* * * * *").rrule("FREQ=DAILY"),
        FlowOptions.defaults().cron("* * * * *").schedule(one),
        FlowOptions.defaults().rrule("FREQ=DAILY").schedules(List.of(one)),
        FlowOptions.defaults().schedule(one).schedules(List.of(one)),
        FlowOptions.defaults().interval(Duration.ofMinutes(1)).schedules(List.of(one)));
  }

  @ParameterizedTest
  @MethodSource("twoWaysOfGivingSchedules")
  void onlyOneWayOfGivingSchedulesIsAllowed(FlowOptions options) {
    ProblemException refused =
        assertThrows(ProblemException.class, () -> FlowDeployments.request(FLOW, options, "n"));

    assertEquals(400, refused.status());
    assertEquals(
        "Only one of interval, cron, rrule, schedule or schedules can be given",
        refused.errors().get(0).message());
  }

  @Test
  void theTriggersOptionBecomesTheDeploymentsTriggers() {
    List<TriggerRequest> triggers = List.of(TriggerRequest.after("etl/load", "COMPLETED"));

    DeploymentRequest request =
        FlowDeployments.request(FLOW, FlowOptions.defaults().triggers(triggers), "n");

    assertEquals(triggers, request.triggers());
  }
}
