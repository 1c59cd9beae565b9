package dev.runway.schedules.boundary;

import dev.runway.flowruns.control.FlowRuns;
import dev.runway.platform.boundary.ServerResources;
import dev.runway.schedules.control.Horizon;
import dev.runway.schedules.control.ScheduledRuns;
import dev.runway.schedules.control.SchedulerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler service of this node: on the timer executor, tops up the runs of schedules that are
 * short of them and renames runs that wait too long {@code Late}. Every node runs it; the store
 * makes them take turns, so the result is the same with one node or ten. A failed pass is logged
 * and the next one tries again.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ScheduledRuns", "FlowRuns"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Scheduler {

  private static final Logger LOG = System.getLogger(Scheduler.class.getName());
  private static final int LATE_BATCH = 500;

  @EJB ScheduledRuns scheduledRuns;
  @EJB FlowRuns flowRuns;
  @Inject SchedulerSettings settings;
  @Inject ServerResources server;
  @Inject Clock clock;

  private final List<ScheduledFuture<?>> loops = new ArrayList<>();

  @PostConstruct
  void start() {
    ScheduledExecutorService timers = server.timerExecutor();
    loops.add(every(timers, this::topUp, settings.loopInterval()));
    loops.add(every(timers, this::markLate, settings.lateCheckInterval()));
    Horizon horizon = settings.horizon();
    LOG.log(
        Level.INFO,
        "Scheduler started: each schedule keeps at least {0} runs and {1} ahead, at most {2} runs"
            + " and {3}; topped up every {4}s, runs {5}s past due renamed Late",
        horizon.minRuns(),
        horizon.minTime(),
        horizon.maxRuns(),
        horizon.maxTime(),
        settings.loopInterval().toSeconds(),
        settings.lateAfter().toSeconds());
  }

  @PreDestroy
  void stop() {
    loops.forEach(loop -> loop.cancel(false));
  }

  /** One pass: every deployment short of runs is topped up on its own, whatever the others do. */
  void topUp() {
    List<UUID> deployments;
    try {
      deployments = scheduledRuns.shortOfRuns();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduler pass failed, will try again: {0}", e.toString());
      return;
    }
    for (UUID id : deployments) {
      try {
        scheduledRuns.topUp(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Runs of deployment {0} not topped up, will try again: {1}", id, e);
      }
    }
  }

  void markLate() {
    try {
      int renamed = flowRuns.markLate(clock.instant().minus(settings.lateAfter()), LATE_BATCH);
      if (renamed > 0) {
        LOG.log(Level.INFO, "{0} scheduled runs are late", renamed);
      }
      int waiting = flowRuns.markAwaitingSlot(clock.instant(), LATE_BATCH);
      if (waiting > 0) {
        LOG.log(Level.INFO, "{0} due runs wait for a concurrency slot", waiting);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Marking late runs failed, will try again: {0}", e.toString());
    }
  }

  private static ScheduledFuture<?> every(
      ScheduledExecutorService timers, Runnable task, Duration period) {
    return timers.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }
}
