package dev.runway.triggers.control;

import dev.runway.deployments.entity.Deployment;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.State;
import dev.runway.platform.control.Placeholders;
import dev.runway.triggers.entity.Firing;
import dev.runway.triggers.entity.Trigger;
import jakarta.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which triggers a state change fires: those of unpaused downstream deployments that name the run's
 * deployment and the type the run has just entered. A rename within one type (Scheduled to Late)
 * enters nothing. A trigger whose parameters name an upstream parameter the run does not have is
 * skipped with a warning: a run made without it could not start as meant.
 */
public final class Firings {

  private static final Logger LOG = System.getLogger(Firings.class.getName());

  private Firings() {}

  /** Whether the change brings the run into a state type it was not in. */
  public static boolean entersType(FlowRunStateChanged change) {
    State from = change.from();
    return from == null || from.type() != change.to().type();
  }

  /**
   * The firings of {@code downstream}'s triggers for the change of a run with {@code parameters}.
   */
  public static List<Firing> of(
      FlowRunStateChanged change, JsonObject parameters, List<Deployment> downstream) {
    if (!entersType(change)) {
      return List.of();
    }
    UpstreamValues upstream =
        UpstreamValues.of(change.flowRunId(), change.to().type().name(), parameters);
    List<Firing> firings = new ArrayList<>();
    for (Deployment deployment : downstream) {
      if (deployment.isPaused()) {
        continue;
      }
      List<Trigger> triggers = StoredTriggers.read(deployment.getTriggers());
      for (int i = 0; i < triggers.size(); i++) {
        Trigger trigger = triggers.get(i);
        if (trigger.afterDeployment().equals(change.deploymentId())
            && trigger.firesOn(change.to().type())) {
          firing(change, deployment, i, trigger, upstream).ifPresent(firings::add);
        }
      }
    }
    return firings;
  }

  private static Optional<Firing> firing(
      FlowRunStateChanged change,
      Deployment deployment,
      int index,
      Trigger trigger,
      UpstreamValues upstream) {
    String label = deployment.getFlowName() + "/" + deployment.getName();
    try {
      JsonObject filled = upstream.fill(trigger.parameters());
      return Optional.of(
          new Firing(
              deployment.getId(), label, index, change.flowRunId(), filled, key(change, index)));
    } catch (Placeholders.MissingValue e) {
      LOG.log(
          Level.WARNING,
          "{0} trigger {1} after run {2} made no run: the upstream run has no value for"
              + " upstream.{3}",
          label,
          index,
          change.flowRunId(),
          e.name());
      return Optional.empty();
    }
  }

  /** One key per upstream run, state entered (by type and instant) and trigger. */
  static String key(FlowRunStateChanged change, int index) {
    State to = change.to();
    return "trigger:" + change.flowRunId() + ":" + to.type() + "@" + to.timestamp() + ":" + index;
  }
}
