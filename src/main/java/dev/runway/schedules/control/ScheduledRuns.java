package dev.runway.schedules.control;

import dev.runway.deployments.entity.Deployment;
import dev.runway.deployments.entity.DeploymentChanged;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.StateType;
import dev.runway.schedules.entity.Schedule;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps each active schedule of each unpaused deployment's runs made ahead, within the {@link
 * Horizon}. Writers take the deployment's row lock first, so a deployment's write, its top-up on
 * this node and its top-up on another node take turns; the unique (schedule, instant) pair in the
 * database is the backstop. Runs that started, and runs made by hand, are never touched.
 *
 * <p>A singleton without state or locks, so that the scheduler can depend on it at shutdown.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ScheduledRuns {

  private static final Logger LOG = System.getLogger(ScheduledRuns.class.getName());

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject FlowRuns flowRuns;

  @Inject SchedulerSettings settings;

  /** A deployment was written: its runs follow in the same transaction. */
  public void onDeploymentChanged(@Observes DeploymentChanged change) {
    Deployment deployment = change.deployment();
    Instant now = clock.instant();
    if (change.runsReshaped()) {
      int removed = removeUnstarted(deployment.getId(), deployment.isPaused() ? null : now);
      if (removed > 0) {
        LOG.log(
            Level.INFO,
            "Deployment {0}/{1}: {2} scheduled runs that had not started removed",
            deployment.getFlowName(),
            deployment.getName(),
            removed);
      }
    }
    if (!deployment.isPaused()) {
      materialise(deployment, now);
    }
  }

  /** Ids of unpaused deployments of which some active schedule is short of runs. */
  public List<UUID> shortOfRuns() {
    Instant now = clock.instant();
    Horizon horizon = settings.horizon();
    Map<UUID, Object[]> made = new HashMap<>();
    List<Object[]> rows =
        em.createQuery(
                "select r.scheduleId, count(r), max(r.scheduledFor) from FlowRun r"
                    + " where r.scheduleId is not null and r.scheduledFor >= :now"
                    + " group by r.scheduleId",
                Object[].class)
            .setParameter("now", now)
            .getResultList();
    rows.forEach(row -> made.put((UUID) row[0], row));
    return em.createQuery(
            "select d from Deployment d where d.paused = false and d.schedules <> '[]'",
            Deployment.class)
        .getResultStream()
        .filter(
            d ->
                active(d).stream()
                    .anyMatch(
                        s -> {
                          Object[] row = made.get(s.id());
                          return horizon.isShort(
                              Recurrences.of(s),
                              now,
                              row == null ? 0 : (Long) row[1],
                              row == null ? null : (Instant) row[2]);
                        }))
        .map(Deployment::getId)
        .toList();
  }

  /** Tops the deployment's runs up, under its row lock, in a transaction of its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int topUp(UUID deploymentId) {
    Deployment deployment = em.find(Deployment.class, deploymentId, LockModeType.PESSIMISTIC_WRITE);
    if (deployment == null || deployment.isPaused()) {
      return 0;
    }
    return materialise(deployment, clock.instant());
  }

  private int materialise(Deployment deployment, Instant now) {
    Horizon horizon = settings.horizon();
    int made = 0;
    for (Schedule schedule : active(deployment)) {
      List<Instant> wanted = horizon.instants(Recurrences.of(schedule), now);
      if (wanted.isEmpty()) {
        continue;
      }
      Set<Instant> existing = madeFor(schedule.id(), wanted.get(0));
      for (Instant at : wanted) {
        if (!existing.contains(at)) {
          flowRuns.createScheduled(deployment, schedule, at);
          made++;
        }
      }
    }
    if (made > 0) {
      LOG.log(
          Level.DEBUG,
          "Deployment {0}/{1}: {2} runs made ahead",
          deployment.getFlowName(),
          deployment.getName(),
          made);
    }
    return made;
  }

  private Set<Instant> madeFor(UUID scheduleId, Instant from) {
    return new HashSet<>(
        em.createQuery(
                "select r.scheduledFor from FlowRun r where r.scheduleId = :schedule"
                    + " and r.scheduledFor >= :from",
                Instant.class)
            .setParameter("schedule", scheduleId)
            .setParameter("from", from)
            .getResultList());
  }

  /**
   * Removes the deployment's auto-scheduled runs that never started, only those expected after
   * {@code after} unless it is null; how many.
   */
  private int removeUnstarted(UUID deploymentId, Instant after) {
    Query delete =
        em.createQuery(
                "delete from FlowRun r where r.deploymentId = :deployment"
                    + " and r.autoScheduled = true and r.stateType = :scheduled and r.runCount = 0"
                    + (after == null ? "" : " and r.expectedStartTime > :after"))
            .setParameter("deployment", deploymentId)
            .setParameter("scheduled", StateType.SCHEDULED);
    if (after != null) {
      delete.setParameter("after", after);
    }
    return delete.executeUpdate();
  }

  private static List<Schedule> active(Deployment deployment) {
    return StoredSchedules.read(deployment.getSchedules()).stream()
        .filter(Schedule::active)
        .toList();
  }
}
