package dev.runway.runner.control;

import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.platform.control.ProblemException;
import dev.runway.runner.entity.Flow;
import dev.runway.runner.entity.FlowOptions;
import dev.runway.schedules.entity.ScheduleRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns a flow and Prefect's {@code add_flow} options into the deployment they stand for. */
public final class FlowDeployments {

  private FlowDeployments() {}

  /**
   * The deployment of {@code flow}, named by the options or else after the runner, as Prefect's; a
   * 400 problem when more than one way of giving schedules is used.
   */
  public static DeploymentRequest request(Flow flow, FlowOptions options, String runnerName) {
    return new DeploymentRequest(
        options.name() == null ? runnerName : options.name(),
        flow.name(),
        flow.command(),
        flow.workingDirectory(),
        flow.env(),
        options.parameters(),
        null,
        options.enforceParameterSchema(),
        schedules(options),
        options.paused(),
        options.concurrencyLimit(),
        null,
        null,
        null,
        null,
        options.triggers(),
        options.tags(),
        options.description(),
        options.version());
  }

  static List<ScheduleRequest> schedules(FlowOptions o) {
    long given =
        Stream.of(o.interval(), o.cron(), o.rrule(), o.schedule(), o.schedules())
            .filter(value -> value != null)
            .count();
    if (given > 1) {
      throw ProblemException.invalid(
          "schedules", "Only one of interval, cron, rrule, schedule or schedules can be given");
    }
    List<ScheduleRequest> schedules = new ArrayList<>();
    if (o.interval() != null) {
      o.interval().forEach(d -> schedules.add(interval(d)));
    } else if (o.cron() != null) {
      o.cron().forEach(c -> schedules.add(ScheduleRequest.cron(c)));
    } else if (o.rrule() != null) {
      o.rrule().forEach(r -> schedules.add(ScheduleRequest.rrule(r)));
    } else if (o.schedule() != null) {
      schedules.add(o.schedule());
    } else if (o.schedules() != null) {
      schedules.addAll(o.schedules());
    }
    return schedules;
  }

  private static ScheduleRequest interval(Duration every) {
    BigDecimal seconds = BigDecimal.valueOf(every.toNanos(), 9).stripTrailingZeros();
    return new ScheduleRequest(null, seconds, null, null, null, null, null, null, null);
  }
}
