package dev.runway.flowruns.control;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.control.ParameterMerge;
import dev.runway.deployments.control.RunParameters;
import dev.runway.deployments.entity.CollisionStrategy;
import dev.runway.deployments.entity.Deployment;
import dev.runway.flowruns.entity.ClaimedRun;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.RunFilter;
import dev.runway.flowruns.entity.RunRequest;
import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateRecord;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.Json;
import dev.runway.platform.control.Paging;
import dev.runway.platform.control.ProblemException;
import dev.runway.schedules.entity.Schedule;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Flow runs and their states. Every change of state goes through here: checked by {@link
 * StateRules} under a row lock (or as one conditional update for a claim), recorded in the history
 * and announced as a {@link FlowRunStateChanged} event, all in one transaction.
 *
 * <p>A singleton without state or locks, not a stateless bean: the runner {@code @DependsOn} it so
 * that it is still there while the runner hands its runs back at undeployment.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FlowRuns {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Deployments deployments;

  @Inject Event<FlowRunStateChanged> stateChanged;

  private static final String AWAITING_SLOT = "AwaitingConcurrencySlot";

  /**
   * Hibernate's query hint for entities read only to be shown: no snapshot to check for changes.
   */
  private static final String READ_ONLY = "org.hibernate.readOnly";

  /** Due runs read per run to claim: room for those another node takes first. */
  private static final int CANDIDATES_PER_CLAIM = 4;

  /** Hibernate's lock timeout that skips rows another transaction holds, where the store can. */
  private static final Map<String, Object> SKIP_LOCKED =
      Map.of("jakarta.persistence.lock.timeout", -2);

  /** The flow name of every bundle's run, to find them with {@code GET /flow-runs?flowName=}. */
  public static final String BUNDLE_FLOW = "bundle";

  /** The states in which a run is held by a node. */
  private static final List<StateType> LIVE =
      List.of(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING);

  /** The run created, or the earlier one with the same idempotency key. */
  public record Creation(FlowRun run, boolean created) {}

  /**
   * A run of the deployment as the request asks, or the run created earlier with the same
   * idempotency key. Creates with a key take turns on the deployment's row lock, so that of two
   * concurrent requests with one key the second finds the first's run rather than a constraint
   * violation. Parameters that could not start the run are refused (422) and nothing is stored.
   */
  public Creation create(UUID deploymentId, RunRequest request) {
    return create(deploymentId, request, null);
  }

  /**
   * As {@link #create(UUID, RunRequest)}, for a run that a trigger makes: it records {@code
   * triggeredBy}, the upstream run whose state change made it (null: none).
   */
  public Creation create(UUID deploymentId, RunRequest request, UUID triggeredBy) {
    RunRequest r = request == null ? RunRequest.now() : request;
    RunRequests.check(r);
    Deployment deployment =
        r.idempotencyKey() == null
            ? deployments.get(deploymentId)
            : deployments.locked(deploymentId);
    Optional<FlowRun> earlier = byIdempotencyKey(deploymentId, r.idempotencyKey());
    if (earlier.isPresent()) {
      return new Creation(earlier.get(), false);
    }
    JsonObject parameters =
        ParameterMerge.merge(Json.object(deployment.getParameters()), r.parameters());
    RunParameters.require(deployment, parameters);
    Instant now = clock.instant();
    FlowRun run = newRun(deployment);
    run.setParameters(Json.text(parameters));
    run.setExpectedStartTime(r.scheduledStart() == null ? now : r.scheduledStart().toInstant());
    run.setIdempotencyKey(r.idempotencyKey());
    run.setTags(Json.strings(r.tags() == null ? List.of() : r.tags()));
    run.setCreatedAt(now);
    run.setState(State.scheduled(now));
    run.setTriggeredBy(triggeredBy);
    em.persist(run);
    recorded(run, null);
    return new Creation(run, true);
  }

  /**
   * The run a schedule makes for one of its instants: the deployment's parameters under the
   * schedule's, the deployment's tags. The database refuses a second run for the same schedule and
   * instant.
   */
  public FlowRun createScheduled(Deployment deployment, Schedule schedule, Instant at) {
    Instant now = clock.instant();
    FlowRun run = newRun(deployment);
    run.setParameters(
        Json.text(
            ParameterMerge.merge(Json.object(deployment.getParameters()), schedule.parameters())));
    run.setExpectedStartTime(at);
    run.setSchedule(schedule.id(), at);
    run.setTags(deployment.getTags());
    run.setCreatedAt(now);
    run.setState(State.scheduled(now));
    em.persist(run);
    recorded(run, null);
    return run;
  }

  /**
   * A bundle's run: {@code command} run in {@code workingDirectory} with {@code env}, no
   * deployment, flow {@value #BUNDLE_FLOW}. It is created already PENDING on {@code node}, which
   * starts it at once, so no other node can claim it first.
   */
  public FlowRun createBundle(
      List<String> command,
      String workingDirectory,
      Map<String, String> env,
      JsonObject parameters,
      String node,
      String apiTokenHash) {
    Instant now = clock.instant();
    FlowRun run =
        new FlowRun(
            UUID.randomUUID(), RunNames.next(ThreadLocalRandom.current()), null, null, BUNDLE_FLOW);
    run.setBundle(Json.strings(command), workingDirectory, Json.stringMap(env));
    run.setParameters(Json.text(parameters));
    run.setExpectedStartTime(now);
    run.setTags(Json.strings(List.of()));
    run.setCreatedAt(now);
    run.setState(new State(StateType.PENDING, "Pending", "Bundle run on node " + node, now));
    run.setNode(node);
    run.setApiTokenHash(apiTokenHash);
    em.persist(run);
    recorded(run, null);
    return run;
  }

  /**
   * Renames SCHEDULED runs named {@code Scheduled} whose expected start is before {@code dueBefore}
   * to {@code Late}, at most {@code max} of them, the longest-waiting first; how many it renamed.
   */
  public int markLate(Instant dueBefore, int max) {
    List<UUID> candidates =
        em.createQuery(
                "select r.id from FlowRun r where r.stateType = :scheduled"
                    + " and r.stateName = 'Scheduled' and r.expectedStartTime < :due"
                    + " order by r.expectedStartTime",
                UUID.class)
            .setParameter("scheduled", StateType.SCHEDULED)
            .setParameter("due", dueBefore)
            .setMaxResults(max)
            .getResultList();
    int renamed = 0;
    for (UUID id : candidates) {
      FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (run != null
          && run.getStateType() == StateType.SCHEDULED
          && "Scheduled".equals(run.state().name())) {
        State from = run.state();
        apply(run, State.late(clock.instant(), run.getExpectedStartTime()));
        recorded(run, from);
        renamed++;
      }
    }
    return renamed;
  }

  /** The earliest expected start of a SCHEDULED run after {@code after}, if any. */
  public Optional<Instant> nextExpectedStart(Instant after) {
    return Optional.ofNullable(
        em.createQuery(
                "select min(r.expectedStartTime) from FlowRun r where r.stateType = :scheduled"
                    + " and r.expectedStartTime > :after",
                Instant.class)
            .setParameter("scheduled", StateType.SCHEDULED)
            .setParameter("after", after)
            .getSingleResult());
  }

  public FlowRun get(UUID id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("Flow run", id));
  }

  public Optional<FlowRun> find(UUID id) {
    return Optional.ofNullable(em.find(FlowRun.class, id));
  }

  /**
   * A page of the runs the filter matches, newest expected start first. Read without a transaction
   * of its own (none to commit) and as read-only entities (no copies kept to find changes in).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<FlowRun> list(RunFilter filter, Paging page) {
    return RunQueries.select(em, filter)
        .setHint(READ_ONLY, true)
        .setFirstResult(page.offset())
        .setMaxResults(page.limit())
        .getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long count(RunFilter filter) {
    return RunQueries.count(em, filter).getSingleResult();
  }

  public List<State> history(UUID id) {
    get(id);
    return em.createQuery(
            "select s from StateRecord s where s.flowRunId = :id order by s.id", StateRecord.class)
        .setParameter("id", id)
        .getResultStream()
        .map(StateRecord::state)
        .toList();
  }

  /**
   * Ids of SCHEDULED runs expected to start by {@code horizon}, the longest-waiting first, leaving
   * out those whose deployment's concurrency limit is full and that would only wait ({@code
   * ENQUEUE}): they cannot start, and must not take the place of runs that can.
   */
  public List<UUID> due(Instant horizon, int max) {
    return em.createQuery(
            "select r.id from FlowRun r left join Deployment d on d.id = r.deploymentId"
                + " where r.stateType = :scheduled and r.expectedStartTime <= :horizon"
                + " and (d.concurrencyLimit is null or d.collisionStrategy = :cancelNew"
                + " or d.concurrencyLimit > (select count(x) from FlowRun x"
                + " where x.deploymentId = r.deploymentId and x.stateType in :live))"
                + " order by r.expectedStartTime, r.createdAt",
            UUID.class)
        .setParameter("scheduled", StateType.SCHEDULED)
        .setParameter("horizon", horizon)
        .setParameter("cancelNew", CollisionStrategy.CANCEL_NEW)
        .setParameter("live", LIVE)
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * Renames the due runs that wait because their deployment's concurrency limit is full {@code
   * AwaitingConcurrencySlot}, at most {@code max}; how many. The poll passes them over, so this is
   * how an operator sees why they wait.
   */
  public int markAwaitingSlot(Instant now, int max) {
    List<UUID> waiting =
        em.createQuery(
                "select r.id from FlowRun r join Deployment d on d.id = r.deploymentId"
                    + " where r.stateType = :scheduled and r.expectedStartTime <= :now"
                    + " and r.stateName <> :awaiting and d.collisionStrategy = :enqueue"
                    + " and d.concurrencyLimit <= (select count(x) from FlowRun x"
                    + " where x.deploymentId = r.deploymentId and x.stateType in :live)"
                    + " order by r.expectedStartTime",
                UUID.class)
            .setParameter("scheduled", StateType.SCHEDULED)
            .setParameter("now", now)
            .setParameter("awaiting", AWAITING_SLOT)
            .setParameter("enqueue", CollisionStrategy.ENQUEUE)
            .setParameter("live", LIVE)
            .setMaxResults(max)
            .getResultList();
    int renamed = 0;
    for (UUID id : waiting) {
      FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (run != null
          && run.getStateType() == StateType.SCHEDULED
          && !AWAITING_SLOT.equals(run.state().name())) {
        State from = run.state();
        apply(
            run,
            new State(
                StateType.SCHEDULED,
                AWAITING_SLOT,
                "Its deployment's concurrency limit is full",
                clock.instant()));
        recorded(run, from);
        renamed++;
      }
    }
    return renamed;
  }

  /**
   * SCHEDULED → PENDING for {@code node}, as one conditional update: of all the nodes that try,
   * exactly one changes the row. Empty when another node (or a cancel) got there first, or when the
   * deployment's concurrency limit is full: then the run waits, renamed {@code
   * AwaitingConcurrencySlot} ({@code ENQUEUE}), or ends CANCELLED ({@code CANCEL_NEW}).
   */
  public Optional<FlowRun> claim(UUID id, String node, String apiTokenHash) {
    FlowRun run = em.find(FlowRun.class, id);
    return run != null && claim(run, node, apiTokenHash) ? Optional.of(run) : Optional.empty();
  }

  /**
   * Claims for {@code node} as many of the runs due by {@code horizon} as {@code tokenHashes}
   * holds, the longest-waiting first, in one transaction; each claimed run comes with its
   * deployment (null for a bundle's run, or when it was deleted) and the last sequence number of
   * its log, which is what starting it needs. On PostgreSQL a run whose row another node holds is
   * passed over, not waited for ({@code SKIP LOCKED}); the rows of the deployments with a
   * concurrency limit are locked first, in one order, so that two nodes claiming runs of the same
   * deployments take turns rather than deadlock.
   */
  public List<ClaimedRun> claimDue(Instant horizon, String node, List<String> tokenHashes) {
    int max = tokenHashes.size();
    List<UUID> candidates = due(horizon, max * CANDIDATES_PER_CLAIM);
    if (candidates.isEmpty()) {
      return List.of();
    }
    lockLimitedDeployments(candidates);
    List<FlowRun> won = new ArrayList<>();
    for (UUID id : candidates) {
      if (won.size() == max) {
        break;
      }
      FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE, SKIP_LOCKED);
      if (run != null && claim(run, node, tokenHashes.get(won.size()))) {
        won.add(run);
      }
    }
    Map<UUID, Long> lastSeqs = lastLogSeqs(won.stream().map(FlowRun::getId).toList());
    return won.stream()
        .map(
            run ->
                new ClaimedRun(
                    run,
                    run.isBundle() ? null : em.find(Deployment.class, run.getDeploymentId()),
                    lastSeqs.getOrDefault(run.getId(), 0L)))
        .toList();
  }

  private void lockLimitedDeployments(List<UUID> runIds) {
    em.createQuery(
            "select d from Deployment d where d.concurrencyLimit is not null and d.id in"
                + " (select r.deploymentId from FlowRun r where r.id in :ids) order by d.id",
            Deployment.class)
        .setParameter("ids", runIds)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  private Map<UUID, Long> lastLogSeqs(List<UUID> runIds) {
    Map<UUID, Long> last = new HashMap<>();
    if (!runIds.isEmpty()) {
      em.createQuery(
              "select l.flowRunId, max(l.seq) from LogLine l where l.flowRunId in :ids"
                  + " group by l.flowRunId",
              Object[].class)
          .setParameter("ids", runIds)
          .getResultList()
          .forEach(row -> last.put((UUID) row[0], (Long) row[1]));
    }
    return last;
  }

  /** Claims the run, found or locked by the caller: the conditional update and its record. */
  private boolean claim(FlowRun run, String node, String apiTokenHash) {
    UUID id = run.getId();
    if (run.getStateType() != StateType.SCHEDULED || deploymentIsFull(run)) {
      return false;
    }
    State from = run.state();
    Instant now = clock.instant();
    int won =
        em.createQuery(
                "update FlowRun r set r.stateType = :pending, r.stateName = 'Pending',"
                    + " r.stateMessage = null, r.stateTimestamp = :now, r.updatedAt = :now,"
                    + " r.node = :node, r.apiTokenHash = :token, r.version = r.version + 1"
                    + " where r.id = :id and r.stateType = :scheduled")
            .setParameter("pending", StateType.PENDING)
            .setParameter("scheduled", StateType.SCHEDULED)
            .setParameter("now", now)
            .setParameter("node", node)
            .setParameter("token", apiTokenHash)
            .setParameter("id", id)
            .executeUpdate();
    if (won == 0) {
      return false;
    }
    em.refresh(run);
    recorded(run, from);
    return true;
  }

  /**
   * Whether the run's deployment already has as many runs PENDING, RUNNING or CANCELLING as its
   * concurrency limit allows, on all nodes together. Counted under the deployment's row lock, so
   * that claims of one deployment take turns and the limit holds however many nodes claim; a run
   * that crashed or was lost no longer counts, so the slots heal themselves. A full deployment
   * makes the run wait or cancels it, by its collision strategy.
   */
  private boolean deploymentIsFull(FlowRun run) {
    if (run.isBundle()) {
      return false;
    }
    Deployment deployment = em.find(Deployment.class, run.getDeploymentId());
    if (deployment == null || deployment.getConcurrencyLimit() == null) {
      return false;
    }
    em.lock(deployment, LockModeType.PESSIMISTIC_WRITE);
    long live =
        em.createQuery(
                "select count(r) from FlowRun r where r.deploymentId = :d and r.stateType in :live",
                Long.class)
            .setParameter("d", deployment.getId())
            .setParameter("live", LIVE)
            .getSingleResult();
    int limit = deployment.getConcurrencyLimit();
    if (live < limit) {
      return false;
    }
    em.refresh(run, LockModeType.PESSIMISTIC_WRITE);
    if (run.getStateType() != StateType.SCHEDULED) {
      return true;
    }
    State from = run.state();
    Instant now = clock.instant();
    String reason =
        "Deployment "
            + deployment.getFlowName()
            + "/"
            + deployment.getName()
            + " already has "
            + live
            + " of its "
            + limit
            + " concurrent runs";
    if (deployment.getCollisionStrategy() == CollisionStrategy.CANCEL_NEW) {
      apply(run, new State(StateType.CANCELLED, "Cancelled", reason + " (CANCEL_NEW)", now));
      run.setEndTime(now);
      recorded(run, from);
    } else if (!AWAITING_SLOT.equals(from.name())) {
      apply(run, new State(StateType.SCHEDULED, AWAITING_SLOT, reason, now));
      recorded(run, from);
    }
    return true;
  }

  /**
   * PENDING → RUNNING once the process exists; empty if the run may no longer start. The run's
   * start time, and how late it was, are those of its process ({@code startedAt}), not of this
   * record.
   */
  public Optional<FlowRun> started(UUID id, long pid, Instant processStart, Instant startedAt) {
    Instant now = clock.instant();
    return change(
        id,
        State.running(now),
        false,
        run -> {
          run.setPid(pid);
          run.setProcessStartedAt(processStart);
          run.setStartTime(startedAt);
          run.setEndTime(null);
          run.setRunCount(run.getRunCount() + 1);
          run.setStartLatenessMicros(
              ChronoUnit.MICROS.between(run.getExpectedStartTime(), startedAt));
        });
  }

  /**
   * The run's final state from its process; empty if it already ended another way. A run being
   * cancelled ends CANCELLED however its process ended; a FAILED or CRASHED attempt with retries
   * left goes back to SCHEDULED {@code AwaitingRetry} instead.
   */
  public Optional<FlowRun> finished(UUID id, State end, Integer exitCode, String result) {
    FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null) {
      return Optional.empty();
    }
    State from = run.state();
    State next = end;
    if (from.type() == StateType.CANCELLING && end.type() != StateType.CANCELLED) {
      next =
          new State(
              StateType.CANCELLED,
              "Cancelled",
              "Cancelled; the process ended before it was stopped: "
                  + (end.message() == null ? end.name() : end.message()),
              end.timestamp());
    }
    if (StateRules.refusal(from, next.type(), false).isPresent()) {
      return Optional.empty();
    }
    run.setExitCode(exitCode);
    run.setResult(result);
    end(run, from, next);
    return Optional.of(run);
  }

  /**
   * The run's process is gone with its node (lost, or restarted): CRASHED, then retries apply.
   * Empty when the run had already ended or gone back to wait.
   */
  public Optional<FlowRun> crashed(UUID id, String message) {
    FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null || !LIVE.contains(run.getStateType())) {
      return Optional.empty();
    }
    State from = run.state();
    end(run, from, State.crashed(message, clock.instant()));
    return Optional.of(run);
  }

  /**
   * Cancels the run: one that has no process yet (SCHEDULED, or PENDING before its start) is
   * CANCELLED at once; one with a process goes CANCELLING, and the node that runs it ends the
   * process tree and records CANCELLED. A run already cancelling stays so; an ended run is 409.
   */
  public FlowRun cancel(UUID id, String reason) {
    FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null) {
      throw ProblemException.notFound("Flow run", id);
    }
    State from = run.state();
    if (from.type().isTerminal()) {
      throw ProblemException.conflict(
          "Flow run " + id + " already ended " + from.name() + "; there is nothing to cancel");
    }
    if (from.type() == StateType.CANCELLING) {
      return run;
    }
    Instant now = clock.instant();
    boolean hasProcess = from.type() == StateType.RUNNING || run.getPid() != null;
    if (hasProcess) {
      apply(run, new State(StateType.CANCELLING, "Cancelling", reason, now));
    } else {
      apply(run, new State(StateType.CANCELLED, "Cancelled", reason, now));
      run.setEndTime(now);
    }
    recorded(run, from);
    return run;
  }

  /** Ids of the runs {@code node} holds: claimed, running or being cancelled there. */
  public List<UUID> heldBy(String node) {
    return em.createQuery(
            "select r.id from FlowRun r where r.node = :node and r.stateType in :live", UUID.class)
        .setParameter("node", node)
        .setParameter("live", LIVE)
        .getResultList();
  }

  /** Ids of the runs of {@code node} that an operator asked to cancel. */
  public List<UUID> cancellingOn(String node) {
    return em.createQuery(
            "select r.id from FlowRun r where r.node = :node and r.stateType = :cancelling",
            UUID.class)
        .setParameter("node", node)
        .setParameter("cancelling", StateType.CANCELLING)
        .getResultList();
  }

  /**
   * Records the end of an attempt: terminal, or, for a FAILED or CRASHED attempt that started and
   * has retries left, SCHEDULED {@code AwaitingRetry} after the deployment's retry delay.
   */
  private void end(FlowRun run, State from, State end) {
    Optional<Deployment> deployment =
        (end.type() == StateType.FAILED || end.type() == StateType.CRASHED) && !run.isBundle()
            ? deployments.find(run.getDeploymentId())
            : Optional.empty();
    int retries = deployment.map(Deployment::getRetries).orElse(0);
    if (run.getRunCount() >= 1 && run.getRunCount() <= retries) {
      Instant at = end.timestamp().plusSeconds(deployment.get().getRetryDelaySeconds());
      apply(
          run,
          new State(
              StateType.SCHEDULED,
              "AwaitingRetry",
              "Attempt "
                  + run.getRunCount()
                  + " of "
                  + (retries + 1)
                  + " ended "
                  + end.name()
                  + (end.message() == null ? "" : ": " + end.message())
                  + "; retrying at "
                  + at,
              end.timestamp()));
      run.setExpectedStartTime(at);
      run.setPid(null);
      run.setNode(null);
    } else {
      apply(run, end);
      run.setEndTime(end.timestamp());
    }
    recorded(run, from);
  }

  /** Back to SCHEDULED {@code AwaitingRetry}, due now, for any node to claim again. */
  public Optional<FlowRun> rescheduled(UUID id, String reason) {
    return rescheduled(id, reason, clock.instant());
  }

  /**
   * Back to SCHEDULED {@code AwaitingRetry}, expected at {@code expectedStart}; a run an operator
   * was cancelling is CANCELLED instead, never revived.
   */
  public Optional<FlowRun> rescheduled(UUID id, String reason, Instant expectedStart) {
    Instant now = clock.instant();
    if (find(id).map(r -> r.getStateType() == StateType.CANCELLING).orElse(false)) {
      return finished(
          id, new State(StateType.CANCELLED, "Cancelled", "Cancelled; " + reason, now), null, null);
    }
    State retry = new State(StateType.SCHEDULED, "AwaitingRetry", reason, now);
    return change(
        id,
        retry,
        false,
        run -> {
          run.setExpectedStartTime(expectedStart);
          run.setPid(null);
          run.setNode(null);
        });
  }

  /**
   * A state proposed through the API, by an operator or by the run's own process: applied when the
   * state rules allow it, else 409 with their reason.
   */
  public FlowRun propose(UUID id, State next, boolean force) {
    FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null) {
      throw ProblemException.notFound("Flow run", id);
    }
    State from = run.state();
    StateRules.refusal(from, next.type(), force)
        .ifPresent(
            reason -> {
              throw ProblemException.conflict("State " + next.name() + " refused: " + reason);
            });
    apply(run, next);
    if (next.type().isTerminal()) {
      run.setEndTime(next.timestamp());
    }
    recorded(run, from);
    return run;
  }

  /** The run whose process holds this token, while the run is claimed or running. */
  public Optional<UUID> holderOf(String apiTokenHash) {
    return em.createQuery(
            "select r.id from FlowRun r where r.apiTokenHash = :hash and r.stateType in :live",
            UUID.class)
        .setParameter("hash", apiTokenHash)
        .setParameter("live", List.of(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING))
        .getResultStream()
        .findFirst();
  }

  public void delete(UUID id) {
    FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null) {
      throw ProblemException.notFound("Flow run", id);
    }
    if (!run.getStateType().isTerminal()) {
      throw ProblemException.conflict(
          "Flow run " + id + " is " + run.getStateType() + "; only ended runs can be deleted");
    }
    em.remove(run);
  }

  /** A new run of the deployment, named, not stored yet. */
  private static FlowRun newRun(Deployment deployment) {
    return new FlowRun(
        UUID.randomUUID(),
        RunNames.next(ThreadLocalRandom.current()),
        deployment.getId(),
        deployment.getName(),
        deployment.getFlowName());
  }

  private Optional<FlowRun> change(UUID id, State next, boolean force, Consumer<FlowRun> also) {
    FlowRun run = em.find(FlowRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null) {
      return Optional.empty();
    }
    State from = run.state();
    if (StateRules.refusal(from, next.type(), force).isPresent()) {
      return Optional.empty();
    }
    apply(run, next);
    also.accept(run);
    recorded(run, from);
    return Optional.of(run);
  }

  /** The new state; a run that ended or went back to wait has no process, so no API token. */
  private static void apply(FlowRun run, State next) {
    run.setState(next);
    if (next.type().isTerminal() || next.type() == StateType.SCHEDULED) {
      run.setApiTokenHash(null);
    }
  }

  private void recorded(FlowRun run, State from) {
    State to = run.state();
    em.persist(new StateRecord(run.getId(), to));
    stateChanged.fire(
        new FlowRunStateChanged(
            run.getId(), run.getDeploymentId(), from, to, run.getExpectedStartTime()));
  }

  private Optional<FlowRun> byIdempotencyKey(UUID deploymentId, String key) {
    if (key == null) {
      return Optional.empty();
    }
    TypedQuery<FlowRun> query =
        em.createQuery(
            "select r from FlowRun r where r.deploymentId = :d and r.idempotencyKey = :k",
            FlowRun.class);
    return query
        .setParameter("d", deploymentId)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }
}
