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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns committed state changes into the runs that triggers ask for. The event is heard only on the
 * node whose transaction made the change, once it has committed, so each change fires its triggers
 * once however many nodes there are. The work is handed to the timer executor: the thread that
 * committed (a request, a process's supervisor, a claim) does not wait for it, and the runs are
 * made in transactions of their own. Changes that come while their predecessors' triggers are read
 * wait in a queue and are read together, so that a busy node reads the triggers once for many
 * changes rather than once for each. Nothing is thrown back: a trigger that cannot make its run is
 * logged and skipped.
 */
@ApplicationScoped
public class TriggerFiring {

  private static final Logger LOG = System.getLogger(TriggerFiring.class.getName());

  @Inject ServerResources server;

  @Inject TriggeredRuns triggeredRuns;

  /** The most changes whose triggers one transaction reads. */
  private static final int BATCH = 500;

  private final Queue<FlowRunStateChanged> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile Executor executor;

  void onStateChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunStateChanged change) {
    if (Firings.entersType(change)) {
      pending.add(change);
      drainSoon();
    }
  }

  /** Starts a drain unless one runs: it takes the changes that came meanwhile along. */
  private void drainSoon() {
    if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
      return;
    }
    try {
      executor().execute(this::drain);
    } catch (RuntimeException e) {
      draining.set(false);
      List<FlowRunStateChanged> lost = take();
      LOG.log(
          e instanceof RejectedExecutionException ? Level.WARNING : Level.ERROR,
          "Triggers after {0} state changes not fired ({1}), the first of run {2}",
          lost.size(),
          e instanceof RejectedExecutionException ? "the server is stopping" : e.toString(),
          lost.isEmpty() ? "-" : lost.get(0).flowRunId());
    }
  }

  private void drain() {
    try {
      for (List<FlowRunStateChanged> changes = take(); !changes.isEmpty(); changes = take()) {
        fire(changes);
      }
    } finally {
      draining.set(false);
    }
    drainSoon(); // a change that came after the last take and before the flag was cleared
  }

  private List<FlowRunStateChanged> take() {
    List<FlowRunStateChanged> changes = new ArrayList<>();
    for (FlowRunStateChanged change = pending.poll();
        change != null;
        change = changes.size() < BATCH ? pending.poll() : null) {
      changes.add(change);
    }
    return changes;
  }

  /** The changes' triggers, read in one transaction; each firing makes its run in its own. */
  private void fire(List<FlowRunStateChanged> changes) {
    List<Firing> firings;
    try {
      firings = triggeredRuns.firings(changes);
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Triggers after "
              + changes.size()
              + " state changes (the first of run "
              + changes.get(0).flowRunId()
              + ") not read; they will not fire for them",
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
