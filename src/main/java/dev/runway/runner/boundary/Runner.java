package dev.runway.runner.boundary;

import dev.runway.cluster.control.Nodes;
import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.control.LogStore;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.boundary.ServerResources;
import dev.runway.platform.control.ProblemException;
import dev.runway.processes.control.OsProcessLauncher;
import dev.runway.processes.control.ProcessOutcome;
import dev.runway.processes.control.RunSupervisor;
import dev.runway.processes.control.SupervisorSettings;
import dev.runway.processes.entity.RunLaunch;
import dev.runway.runner.control.Launches;
import dev.runway.runner.control.PollGate;
import dev.runway.runner.control.RunnerSettings;
import dev.runway.runner.control.Slots;
import dev.runway.runner.control.StoreRecorder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner: polls the store for due runs, claims them for this node within its slots, and hands
 * each to the supervisor on the process executor, at its expected start. A run created for now
 * wakes it at once through its state-change event; the poll period is only a safety net. Its public
 * methods are the Java API of Prefect's {@code Runner}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Runner {

  private static final Logger LOG = System.getLogger(Runner.class.getName());
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  @Inject RunnerSettings settings;
  @Inject FlowRuns flowRuns;
  @Inject LogStore logs;
  @Inject RunnerWakeUp wakeUp;
  @Inject Deployments deployments;
  @Inject Nodes nodes;
  @Inject StoreRecorder recorder;
  @Inject ServerResources server;
  @Inject Clock clock;

  private final PollGate pollGate = new PollGate();
  private final AtomicLong runCount = new AtomicLong();
  private final List<ScheduledFuture<?>> loops = new ArrayList<>();
  private ManagedExecutorService processes;
  private ManagedScheduledExecutorService timers;
  private Slots slots;
  private RunSupervisor supervisor;
  private String node;
  private volatile boolean started;
  private volatile Instant startedAt;
  private volatile Instant lastPoll;

  @PostConstruct
  void init() {
    node = settings.name();
    processes = server.processExecutor();
    timers = server.timerExecutor();
    slots = new Slots(Math.max(settings.limit(), 0));
    supervisor =
        new RunSupervisor(
            new OsProcessLauncher(),
            recorder,
            clock,
            processes,
            new SupervisorSettings(
                System.getenv(),
                settings.apiUrl(),
                settings.resultsDirectory(),
                Duration.ofSeconds(2)));
    createResultsDirectory();
    wakeUp.attach(this::scheduled);
    if (settings.autostart()) {
      start(false);
    }
  }

  /**
   * Starts polling. With {@code runOnce}, polls once instead and blocks until the runs it started
   * have ended, as Prefect's {@code start(run_once=True)}.
   */
  public void start(boolean runOnce) {
    if (settings.limit() <= 0) {
      LOG.log(
          Level.ERROR,
          "runway.runner.limit is {0}; it must be at least 1. The runner stays "
              + "stopped until the limit is fixed and Runway redeployed",
          settings.limit());
      throw ProblemException.conflict("runway.runner.limit must be at least 1");
    }
    if (runOnce) {
      runOnce();
      return;
    }
    synchronized (loops) {
      if (started) {
        return;
      }
      started = true;
      startedAt = clock.instant();
      long query = settings.queryInterval().toMillis();
      long beat = settings.heartbeatInterval().toMillis();
      loops.add(timers.scheduleWithFixedDelay(this::wake, 0, query, TimeUnit.MILLISECONDS));
      loops.add(timers.scheduleWithFixedDelay(this::heartbeat, 0, beat, TimeUnit.MILLISECONDS));
    }
    LOG.log(
        Level.INFO,
        "Runner {0} started: limit {1}, polling every {2}s, prefetch {3}s",
        node,
        slots.limit(),
        settings.queryInterval().toSeconds(),
        settings.prefetch().toSeconds());
  }

  /** Stops claiming runs. Runs already started go on to their end. */
  public void stop() {
    synchronized (loops) {
      if (!started) {
        return;
      }
      started = false;
      loops.forEach(loop -> loop.cancel(false));
      loops.clear();
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
   * Runs this SCHEDULED run now on this node, whatever its expected start. The future completes
   * when the run has reached its final state. 429 when no slot is free.
   */
  public Future<?> executeFlowRun(UUID flowRunId) {
    FlowRun run = flowRuns.get(flowRunId);
    if (run.getStateType() != StateType.SCHEDULED) {
      throw ProblemException.conflict(
          "Flow run "
              + flowRunId
              + " is "
              + run.getStateType()
              + "; only a SCHEDULED run can be executed");
    }
    if (!slots.tryAcquire()) {
      throw new ProblemException(
          429,
          "No slot available",
          "All " + slots.limit() + " slots of node " + node + " are taken",
          List.of());
    }
    return claimAndLaunch(flowRunId, true)
        .orElseThrow(() -> ProblemException.conflict("Flow run " + flowRunId + " was taken first"));
  }

  public boolean hasSlotsAvailable() {
    return slots.available() > 0;
  }

  /** Runs a task on the runner's managed executor, as Prefect's {@code execute_in_background}. */
  public <T> Future<T> executeInBackground(Callable<T> task) {
    return processes.submit(task);
  }

  /** A run became SCHEDULED (called by {@link RunnerWakeUp}): if it is due soon, poll now. */
  void scheduled(FlowRunStateChanged change) {
    boolean dueSoon =
        !change.expectedStartTime().isAfter(clock.instant().plus(settings.prefetch()));
    if (started && dueSoon) {
      timers.execute(this::wake);
    }
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
        runCount.get(),
        settings.queryInterval().toSeconds(),
        settings.prefetch().toSeconds(),
        lastPoll,
        nodes.live(since).stream().map(RunnerStatus.Node::of).toList());
  }

  /** Whether the poll loop ran within two periods: what {@code GET /health} reports. */
  public boolean isHealthy() {
    Instant last = lastPoll;
    return started
        && last != null
        && last.isAfter(clock.instant().minus(settings.queryInterval().multipliedBy(2)));
  }

  @PreDestroy
  void shutdown() {
    LOG.log(Level.INFO, "Runner {0} shutting down: no more claims", node);
    wakeUp.detach();
    stop();
    try {
      int live = supervisor.liveCount();
      supervisor.stopAll("node " + node + " shut down while the run was running", SHUTDOWN_WAIT);
      LOG.log(
          Level.INFO,
          "Runner {0}: {1} running processes killed, their runs rescheduled; "
              + "{2} not yet recorded",
          node,
          live,
          supervisor.liveCount());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void wake() {
    if (started) {
      pollGate.request(this::pollSafely);
    }
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Poll failed, will try again within " + settings.queryInterval().toSeconds() + "s: " + e,
          e);
    }
  }

  private void poll() {
    lastPoll = clock.instant();
    int free = slots.available();
    LOG.log(Level.DEBUG, "Polling: {0} free slots", free);
    if (free == 0) {
      return;
    }
    for (UUID id : flowRuns.due(lastPoll.plus(settings.prefetch()), free)) {
      if (!slots.tryAcquire()) {
        return;
      }
      claimAndLaunch(id, false);
    }
  }

  /** Claims the run with a slot already held; releases the slot unless a launch took it over. */
  private Optional<Future<?>> claimAndLaunch(UUID id, boolean now) {
    Optional<Future<?>> launched = Optional.empty();
    try {
      launched = flowRuns.claim(id, node).flatMap(run -> launch(run, now));
      return launched;
    } finally {
      if (launched.isEmpty()) {
        slots.release();
      }
    }
  }

  private Optional<Future<?>> launch(FlowRun run, boolean now) {
    Optional<RunLaunch> plan =
        deployments
            .find(run.getDeploymentId())
            .map(deployment -> Launches.of(run, deployment, logs.lastSeq(run.getId())));
    if (plan.isEmpty()) {
      recorder.finished(
          run.getId(),
          ProcessOutcome.notStarted(
              "its deployment " + run.getDeploymentId() + " was deleted", clock.instant()),
          null);
      return Optional.empty();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    long delay = now ? 0 : Duration.between(clock.instant(), run.getExpectedStartTime()).toMillis();
    Runnable task = () -> processes.execute(() -> supervise(plan.get(), done));
    if (delay > 0) {
      timers.schedule(task, delay, TimeUnit.MILLISECONDS);
    } else {
      task.run();
    }
    return Optional.of(done);
  }

  private void supervise(RunLaunch launch, CompletableFuture<Void> done) {
    runCount.incrementAndGet();
    try {
      supervisor.supervise(launch);
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Run "
              + launch.runId()
              + " could not be supervised to its end; "
              + "it is left in its last recorded state",
          e);
    } finally {
      slots.release();
      done.complete(null);
      wake();
    }
  }

  private void runOnce() {
    List<UUID> due = flowRuns.due(clock.instant().plus(settings.prefetch()), slots.available());
    List<Future<?>> runs = new ArrayList<>();
    for (UUID id : due) {
      if (slots.tryAcquire()) {
        claimAndLaunch(id, false).ifPresent(runs::add);
      }
    }
    for (Future<?> run : runs) {
      try {
        run.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.log(Level.WARNING, "A run of the single poll failed: " + e.getCause());
      }
    }
  }

  private void heartbeat() {
    try {
      nodes.heartbeat(node, startedAt, clock.instant());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Heartbeat of node {0} failed, will retry in {1}s: {2}",
          node,
          settings.heartbeatInterval().toSeconds(),
          e.toString());
    }
  }

  private void createResultsDirectory() {
    try {
      java.nio.file.Files.createDirectories(settings.resultsDirectory());
    } catch (java.io.IOException e) {
      LOG.log(
          Level.WARNING,
          "Results directory {0} cannot be created; runs cannot leave results",
          settings.resultsDirectory());
    }
  }
}
