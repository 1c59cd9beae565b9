package dev.runway.triggers.boundary;

import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.platform.boundary.ServerResources;
import dev.runway.platform.control.ProblemException;
import dev.runway.triggers.control.Firings;
import dev.runway.triggers.control.TriggeredRuns;
import dev.runway.triggers.entity.Firing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns committed state changes into the runs that triggers ask for. The event is heard only on the
 * node whose transaction made the change, once it has committed, so each change fires its triggers
 * once however many nodes there are. The work is handed to the timer executor: the thread that
 * committed (a request, a process's supervisor, a claim) does not wait for it, and the runs are
 * made in transactions of their own. Nothing is thrown back: a trigger that cannot make its run is
 * logged and skipped.
 */
@ApplicationScoped
public class TriggerFiring {

  private static final Logger LOG = System.getLogger(TriggerFiring.class.getName());

  @Inject ServerResources server;

  @Inject TriggeredRuns triggeredRuns;

  private volatile Executor executor;

  void onStateChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunStateChanged change) {
    if (!Firings.entersType(change)) {
      return;
    }
    try {
      executor().execute(() -> fire(change));
    } catch (RejectedExecutionException e) {
      LOG.log(
          Level.WARNING,
          "Triggers after run {0} entering {1} not fired: the server is stopping",
          change.flowRunId(),
          change.to().type());
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Triggers after run " + change.flowRunId() + " not fired; they will not fire for it",
          e);
    }
  }

  private void fire(FlowRunStateChanged change) {
    List<Firing> firings;
    try {
      firings = triggeredRuns.firings(change);
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Triggers after run " + change.flowRunId() + " not read; they will not fire for it",
          e);
      return;
    }
    firings.forEach(this::fire);
  }

  private void fire(Firing firing) {
    try {
      FlowRun run = triggeredRuns.fire(firing);
      LOG.log(Level.INFO, "{0} made run {1} ({2})", firing.describe(), run.getId(), run.getName());
    } catch (ProblemException e) {
      LOG.log(Level.WARNING, "{0} made no run: {1}", firing.describe(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, firing.describe() + " made no run; it is not tried again", e);
    }
  }

  private Executor executor() {
    Executor current = executor;
    if (current == null) {
      current = server.timerExecutor();
      executor = current;
    }
    return current;
  }
}
