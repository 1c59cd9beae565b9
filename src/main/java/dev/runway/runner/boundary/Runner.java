package dev.runway.runner.boundary;

import dev.runway.cluster.control.NodeRecovery;
import dev.runway.cluster.control.Nodes;
import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.boundary.ServerResources;
import dev.runway.platform.boundary.StoreTime;
import dev.runway.platform.control.ProblemException;
import dev.runway.processes.control.OsProcessLauncher;
import dev.runway.processes.control.RunSupervisor;
import dev.runway.processes.control.Sentinel;
import dev.runway.processes.control.SupervisorSettings;
import dev.runway.runner.control.BundleValidator;
import dev.runway.runner.control.ClaimableRuns;
import dev.runway.runner.control.Dispatcher;
import dev.runway.runner.control.FlowDeployments;
import dev.runway.runner.control.PollGate;
import dev.runway.runner.control.RunnerSettings;
import dev.runway.runner.control.Slots;
import dev.runway.runner.control.StoreRecorder;
import dev.runway.runner.control.StoredRuns;
import dev.runway.runner.control.WakeAlarm;
import dev.runway.runner.entity.Bundle;
import dev.runway.runner.entity.BundleRun;
import dev.runway.runner.entity.Flow;
import dev.runway.runner.entity.FlowOptions;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runner of this node: owns the poll loop and the heartbeat on the timer executor and hands due
 * runs to the {@link Dispatcher}. A run created for now wakes it at once through its state-change
 * event; the poll period is only a safety net. Its public methods are the Java API of Prefect's
 * {@code Runner}.
 */
@Singleton
@Startup
@DependsOn({
  "SchemaMigration",
  "FlowRuns",
  "Deployments",
  "DeploymentsFileApplier",
  "Nodes",
  "NodeRecovery",
  "ScheduledRuns",
  "StoredRuns",
  "StoreRecorder"
})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Runner {

  private static final Logger LOG = System.getLogger(Runner.class.getName());
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
  private static final Duration FIRST_POLL_RETRY = Duration.ofMillis(500);

  @Inject RunnerSettings settings;
  @EJB FlowRuns flowRuns;
  @EJB Deployments deployments;
  @EJB Nodes nodes;
  @EJB NodeRecovery recovery;
  @EJB StoredRuns storedRuns;
  @EJB StoreRecorder recorder;
  @Inject RunnerWakeUp wakeUp;
  @Inject ServerResources server;
  @Inject Clock clock;
  @Inject StoreTime storeTime;

  private final PollGate pollGate = new PollGate();
  private final List<ScheduledFuture<?>> loops = new ArrayList<>();
  private ManagedExecutorService processes;
  private ManagedScheduledExecutorService timers;
  private Slots slots;
  private RunSupervisor supervisor;
  private ScheduledFuture<?> watch;
  private Dispatcher dispatcher;
  private WakeAlarm alarm;
  private Sentinel sentinel;
  private String node;
  private volatile boolean started;
  private volatile Instant startedAt;
  private volatile Instant lastPoll;
  private int failedPolls;

  @PostConstruct
  void init() {
    node = settings.name();
    storeTime.measure();
    processes = server.processExecutor();
    timers = server.timerExecutor();
    slots = new Slots(Math.max(settings.limit(), 0));
    Map<String, String> nodeEnvironment = new HashMap<>(System.getenv());
    startSentinel().ifPresent(s -> nodeEnvironment.put(Sentinel.MARKER, s.instance()));
    supervisor =
        new RunSupervisor(
            new OsProcessLauncher(),
            recorder,
            clock,
            processes,
            new SupervisorSettings(
                nodeEnvironment,
                settings.apiUrl(),
                settings.resultsDirectory(),
                settings.cancelGrace()));
    watch = supervisor.watchOn(timers);
    dispatcher =
        new Dispatcher(storedRuns, slots, supervisor, processes, timers, clock, this::wake);
    alarm = new WakeAlarm(timers, clock, this::wake);
    createResultsDirectory();
    recoverOwnRuns();
    wakeUp.attach(this::stateChanged);
    if (settings.autostart() && validLimit()) {
      start(false);
    }
  }

  /**
   * Ends the runs this node held when it was last stopped without handing them back (killed,
   * crashed, power lost), before it claims anything: none is left RUNNING.
   */
  private void recoverOwnRuns() {
    try {
      recovery.recoverOwnRuns(node);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Runs held by node {0} before its restart could not be ended now; the other nodes or the"
              + " next start will: {1}",
          node,
          e.toString());
    }
  }

  /**
   * Starts polling. With {@code runOnce}, polls once instead and blocks until the runs it started
   * have ended, as Prefect's {@code start(run_once=True)}.
   */
  public void start(boolean runOnce) {
    if (!validLimit()) {
      throw ProblemException.conflict("runway.runner.limit must be at least 1");
    }
    if (runOnce) {
      awaitAll(dispatcher.dispatchDue(settings.prefetch()));
      return;
    }
    synchronized (loops) {
      if (started) {
        return;
      }
      started = true;
      startedAt = clock.instant();
      schedule(this::wake, settings.queryInterval());
      schedule(this::heartbeat, settings.heartbeatInterval());
    }
    LOG.log(
        Level.INFO,
        "Runner {0} started: limit {1}, polling every {2}s, prefetch {3}s",
        node,
        slots.limit(),
        settings.queryInterval().toSeconds(),
        settings.prefetch().toSeconds());
  }

  /**
   * Stops claiming runs and cancels this node's runs, as Prefect's {@code stop()}: each ends
   * CANCELLED ("Runner is shutting down.") once its process tree is gone.
   */
  public void stop() {
    stopClaiming();
    int cancelled = cancelAll("Runner is shutting down.");
    LOG.log(Level.INFO, "Runner {0} stopped; {1} of its runs cancelled", node, cancelled);
  }

  /**
   * Cancels every run this node holds, running or claimed and waiting for its start, as Prefect's
   * {@code cancel_all()}; how many. The runner goes on claiming.
   */
  public int cancelAll() {
    return cancelAll("Cancelled with all the runs of node " + node);
  }

  private int cancelAll(String reason) {
    Set<UUID> held = new HashSet<>(supervisor.liveRuns());
    held.addAll(dispatcher.waitingRuns());
    int cancelled = 0;
    for (UUID runId : held) {
      try {
        flowRuns.cancel(runId, reason);
        cancelled++;
      } catch (ProblemException e) {
        LOG.log(Level.DEBUG, "Run {0} not cancelled: {1}", runId, e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Run {0} could not be cancelled: {1}", runId, e.toString());
      }
    }
    return cancelled;
  }

  /**
   * Ends this node's running processes and hands their runs back as SCHEDULED {@code
   * AwaitingRetry}, due now, for any node to run again; Prefect's {@code
   * reschedule_current_flow_runs()}, which shutdown uses. Call {@link #stop()} or undeploy first if
   * this node should not claim them again.
   */
  public void rescheduleCurrentFlowRuns() {
    try {
      supervisor.rescheduleAll(
          "node " + node + " rescheduled its current runs", settings.cancelGrace(), SHUTDOWN_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopClaiming() {
    synchronized (loops) {
      if (!started) {
        return;
      }
      started = false;
      loops.forEach(loop -> loop.cancel(false));
      loops.clear();
      alarm.disarm();
    }
    LOG.log(
        Level.INFO,
        "Runner {0} stopped claiming runs; {1} runs still running",
        node,
        supervisor.liveCount());
  }

  /** Creates the deployment, or replaces the one with the same flow and name; its id. */
  public UUID addDeployment(DeploymentRequest deployment) {
    return deployments.upsert(deployment).getId();
  }

  /**
   * Serves {@code flow} as a deployment with Prefect's {@code add_flow} options: creates it, or
   * replaces the one with the same flow and name; its id. The name defaults to this runner's.
   */
  public UUID addFlow(Flow flow, FlowOptions options) {
    return deployments.upsert(FlowDeployments.request(flow, options, node)).getId();
  }

  /**
   * Runs this SCHEDULED run now on this node, whatever its expected start. The future completes
   * when the run has reached its final state. 429 when no slot is free.
   */
  public Future<?> executeFlowRun(UUID flowRunId) {
    StateType type = flowRuns.get(flowRunId).getStateType();
    if (type != StateType.SCHEDULED) {
      throw ProblemException.conflict(
          "Flow run " + flowRunId + " is " + type + "; only a SCHEDULED run can be executed");
    }
    if (!hasSlotsAvailable()) {
      throw noSlot();
    }
    return dispatcher
        .dispatch(flowRunId, true)
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "Flow run " + flowRunId + " was claimed by another node or could not start"));
  }

  /**
   * Runs the bundle now on this node, as Prefect's {@code execute_bundle}: its run (flow {@code
   * bundle}, no deployment) is created already claimed here and started at once. 400 for an invalid
   * command, 429 when no slot is free; nothing is stored then.
   */
  public BundleRun executeBundle(Bundle bundle) {
    BundleValidator.check(bundle);
    if (!hasSlotsAvailable()) {
      throw noSlot();
    }
    AtomicReference<UUID> runId = new AtomicReference<>();
    Future<?> ended =
        dispatcher
            .dispatchNew(
                () -> {
                  ClaimableRuns.Claim claim = storedRuns.bundle(bundle);
                  runId.set(claim.launch().runId());
                  return claim;
                })
            .orElseThrow(() -> runId.get() == null ? noSlot() : handedBack(runId.get()));
    LOG.log(Level.INFO, "Bundle run {0} started on node {1}", runId.get(), node);
    return new BundleRun(runId.get(), ended);
  }

  /** {@link #executeBundle(Bundle)} of {@code command} in {@code cwd} with {@code env}. */
  public BundleRun executeBundle(List<String> command, String cwd, Map<String, String> env) {
    return executeBundle(Bundle.of(command, cwd, env));
  }

  /** The bundle's run was made but could not start here (shutting down, say): handed back. */
  private ProblemException handedBack(UUID runId) {
    return ProblemException.conflict(
        "Bundle run " + runId + " could not start on node " + node + " and was handed back");
  }

  private ProblemException noSlot() {
    return new ProblemException(
        429,
        "No slot available",
        "All " + slots.limit() + " slots of node " + node + " are taken",
        List.of());
  }

  public boolean hasSlotsAvailable() {
    return slots.available() > 0;
  }

  /** Runs a task on the runner's managed executor, as Prefect's {@code execute_in_background}. */
  public <T> Future<T> executeInBackground(Callable<T> task) {
    return processes.submit(task);
  }

  public RunnerStatus status() {
    Instant since = clock.instant().minus(settings.nodeLostAfter());
    return new RunnerStatus(
        node,
        node,
        started,
        startedAt,
        slots.limit(),
        supervisor.liveCount(),
        slots.available(),
        dispatcher.startedCount(),
        settings.queryInterval().toSeconds(),
        settings.prefetch().toSeconds(),
        lastPoll,
        nodes.live(since).stream().map(RunnerStatus.Node::of).toList());
  }

  /** Whether the poll loop ran within two periods: what {@code GET /health} reports. */
  public boolean isHealthy() {
    Instant last = lastPoll;
    Duration window = settings.queryInterval().multipliedBy(2);
    return started && last != null && last.isAfter(clock.instant().minus(window));
  }

  /**
   * Undeployment or server stop (Prefect's {@code handle_sigterm}): stop claiming, hand back the
   * runs waiting for their start, end the running processes (SIGTERM, SIGKILL after the grace) and
   * hand their runs back as {@code AwaitingRetry}, leave the cluster, and pause the deployments if
   * asked to and no other node is live; each phase logged, the whole bounded in time.
   */
  @PreDestroy
  void shutdown() {
    LOG.log(Level.INFO, "Runner {0} shutting down: no more claims", node);
    wakeUp.detach();
    stopClaiming();
    dispatcher.handBackWaiting("node " + node + " shut down before the run's start");
    try {
      int live = supervisor.liveCount();
      supervisor.stopAll("node " + node + " shut down while the run was running", SHUTDOWN_WAIT);
      LOG.log(
          Level.INFO,
          "Runner {0}: {1} running processes ended and their runs handed back; {2} not yet"
              + " recorded",
          node,
          live,
          supervisor.liveCount());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watch.cancel(false);
    leaveCluster();
    if (sentinel != null) {
      sentinel.retire();
    }
  }

  /** The sentinel that kills this node's processes if the server dies; none where it cannot run. */
  private Optional<Sentinel> startSentinel() {
    try {
      sentinel = Sentinel.start();
      return Optional.of(sentinel);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "No sentinel: if this server dies hard, its runs' processes outlive it until it starts"
              + " again: {0}",
          e.toString());
      return Optional.empty();
    }
  }

  private void leaveCluster() {
    try {
      nodes.leave(node);
      if (settings.pauseOnShutdown()) {
        Instant since = clock.instant().minus(settings.nodeLostAfter());
        if (nodes.live(since).isEmpty()) {
          int paused = deployments.pauseAll();
          LOG.log(
              Level.INFO,
              "Runner {0} was the last live node: {1} deployments paused (pause-on-shutdown)",
              node,
              paused);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Runner {0} could not leave the cluster cleanly: {1}", node, e);
    }
  }

  /** A run changed state (told by {@link RunnerWakeUp}, after commit). */
  private void stateChanged(FlowRunStateChanged change) {
    // Observers after commit run while the writer's transaction is still completing: what may
    // reach the store (freeing a slot polls) goes to the timer executor instead.
    switch (change.to().type()) {
      case SCHEDULED -> scheduled(change);
      case CANCELLING ->
          timers.execute(() -> cancelHere(change.flowRunId(), change.to().message()));
      case CANCELLED -> timers.execute(() -> dispatcher.dropWaiting(change.flowRunId()));
      default -> {}
    }
  }

  /** Ends the run's process if it runs here; another node's runs are its own business. */
  private void cancelHere(UUID runId, String reason) {
    if (supervisor.cancel(runId, reason == null ? "cancelled" : reason)) {
      LOG.log(Level.INFO, "Run {0}: cancel requested; ending its process tree", runId);
    }
  }

  /**
   * A run became SCHEDULED: if it is due soon, poll now, else when it comes within the prefetch
   * window.
   */
  private void scheduled(FlowRunStateChanged change) {
    if (!started) {
      return;
    }
    Instant horizon = clock.instant().plus(settings.prefetch());
    if (change.expectedStartTime().isAfter(horizon)) {
      alarm.armAt(change.expectedStartTime().minus(settings.prefetch()));
    } else {
      timers.execute(this::wake);
    }
  }

  private void wake() {
    if (started) {
      pollGate.request(this::poll);
    }
  }

  /**
   * Claims what is due within the prefetch window, then sets the alarm for when the next run enters
   * it: runs start on time whatever the safety-net poll period. A failed poll (the store away, say)
   * is tried again soon, sooner than the safety net, backing off up to the poll period.
   */
  private void poll() {
    lastPoll = clock.instant();
    try {
      dispatcher.dispatchDue(settings.prefetch());
      Instant horizon = clock.instant().plus(settings.prefetch());
      flowRuns
          .nextExpectedStart(horizon)
          .ifPresent(next -> alarm.armAt(next.minus(settings.prefetch())));
      failedPolls = 0;
    } catch (RuntimeException e) {
      Duration retry = pollRetry(++failedPolls);
      LOG.log(Level.WARNING, "Poll failed, will try again in " + retry.toMillis() + " ms: " + e, e);
      alarm.armAt(clock.instant().plus(retry));
    }
  }

  /** Half a second after the first failure, doubling after each next one, up to the poll period. */
  private Duration pollRetry(int failures) {
    Duration retry = FIRST_POLL_RETRY.multipliedBy(1L << Math.min(failures - 1, 16));
    return retry.compareTo(settings.queryInterval()) < 0 ? retry : settings.queryInterval();
  }

  /**
   * Beats, ends the runs of nodes that stopped beating, acts on cancel requests for this node's
   * runs that reached another node, and polls if runs are due that no node took.
   */
  private void heartbeat() {
    storeTime.measure();
    try {
      nodes.heartbeat(node, startedAt, clock.instant());
      recovery.recoverLostNodes(node, settings.nodeLostAfter());
      flowRuns.cancellingOn(node).forEach(runId -> cancelHere(runId, "cancelled"));
      pollIfRunsWait();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Heartbeat of node {0} failed, will retry in {1}s: {2}",
          node,
          settings.heartbeatInterval().toSeconds(),
          e.toString());
    }
  }

  /**
   * Polls now when slots are free and runs due within the prefetch window wait unclaimed: a node
   * learns of runs that another node created only from polls, so a missed wake-up (a poll that
   * failed, an alarm lost with a restart) costs at most one heartbeat, not a safety-net period.
   */
  private void pollIfRunsWait() {
    if (slots.available() > 0
        && !flowRuns.due(clock.instant().plus(settings.prefetch()), 1).isEmpty()) {
      wake();
    }
  }

  private void schedule(Runnable task, Duration period) {
    loops.add(timers.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS));
  }

  private boolean validLimit() {
    if (settings.limit() > 0) {
      return true;
    }
    LOG.log(
        Level.ERROR,
        "runway.runner.limit is {0}; it must be at least 1. The runner stays "
            + "stopped until the limit is fixed and Runway redeployed",
        settings.limit());
    return false;
  }

  private static void awaitAll(List<Future<?>> runs) {
    for (Future<?> run : runs) {
      try {
        run.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        LOG.log(Level.WARNING, "A run of the single poll failed: {0}", e.getCause().toString());
      }
    }
  }

  private void createResultsDirectory() {
    try {
      Files.createDirectories(settings.resultsDirectory());
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Results directory {0} cannot be created; runs cannot leave results",
          settings.resultsDirectory());
    }
  }
}
