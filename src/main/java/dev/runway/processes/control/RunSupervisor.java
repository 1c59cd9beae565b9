package dev.runway.processes.control;

import dev.runway.processes.entity.LaunchSpec;
import dev.runway.processes.entity.OutputLine;
import dev.runway.processes.entity.RunLaunch;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Runs claimed runs' processes from start to final state: plans each launch, starts it, records it
 * RUNNING, captures its output and maps its exit to the final state. No thread waits for a process:
 * one watch over all live runs reads their output, writes it to the store and ends the processes
 * whose time is up, and a process's exit is taken up on the processes executor. Nothing it meets,
 * from a missing program to a store error, escapes: every run's future completes.
 */
public class RunSupervisor {

  private static final Logger LOG = System.getLogger(RunSupervisor.class.getName());

  /** How long output may wait in memory before it is written, while the process runs. */
  static final Duration FLUSH_PERIOD = Duration.ofMillis(200);

  /** How often the watch reads every live run's pipes and checks its end. */
  static final Duration TICK = Duration.ofMillis(50);

  static final long TICKS_PER_FLUSH = FLUSH_PERIOD.toMillis() / TICK.toMillis();

  private final ProcessLauncher launcher;
  private final RunRecorder recorder;
  private final Clock clock;
  private final Executor processes;
  private final SupervisorSettings settings;
  private final Map<UUID, SupervisedRun> live = new ConcurrentHashMap<>();
  private final AtomicLong ticks = new AtomicLong();
  private volatile String stopReason;

  /**
   * {@code processes} takes up the exits and writes output: short tasks, never a wait for a
   * process.
   */
  public RunSupervisor(
      ProcessLauncher launcher,
      RunRecorder recorder,
      Clock clock,
      Executor processes,
      SupervisorSettings settings) {
    this.launcher = launcher;
    this.recorder = recorder;
    this.clock = clock;
    this.processes = processes;
    this.settings = settings;
  }

  /**
   * Starts the run's process and records it RUNNING, then returns: the future completes once the
   * run's final state, or its hand-back, is recorded (or given up after retries). It never
   * completes exceptionally. A process that has ended by the time its start is recorded is
   * concluded on the caller's thread before this returns.
   */
  public CompletableFuture<Void> supervise(RunLaunch run) {
    return supervise(run, () -> false);
  }

  /**
   * As {@link #supervise(RunLaunch)}, but when {@code launchesWaiting} says, once the process has
   * started, that other runs wait to be launched, its start is recorded on the processes executor
   * after them rather than at once: a burst of runs due together spawns all its processes before it
   * writes their starts.
   */
  public CompletableFuture<Void> supervise(RunLaunch run, BooleanSupplier launchesWaiting) {
    if (stopReason != null) {
      Persistently.run(
          "the hand-back of run " + run.runId(),
          () -> recorder.rescheduled(run.runId(), stopReason));
      return CompletableFuture.completedFuture(null);
    }
    Path resultFile = settings.resultDirectory().resolve(run.runId() + ".json");
    LaunchedProcess process;
    try {
      process = launcher.launch(plan(run, resultFile));
    } catch (LaunchRefused | IOException | RuntimeException e) {
      // RuntimeException: ProcessBuilder refuses some argv and environments (a NUL character).
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.log(
          Level.WARNING, "Run {0} ({1}) could not start: {2}", run.runName(), run.runId(), reason);
      ProcessOutcome outcome = ProcessOutcome.notStarted(reason, clock.instant());
      Persistently.run(
          "the final state of run " + run.runId(),
          () -> recorder.finished(run.runId(), outcome, null));
      return CompletableFuture.completedFuture(null);
    }
    SupervisedRun supervised = new SupervisedRun(run, process, resultFile, clock);
    if (launchesWaiting.getAsBoolean()) {
      live.put(run.runId(), supervised); // a cancel finds it meanwhile
      try {
        processes.execute(() -> watch(supervised));
        return supervised.done;
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "Run {0}: start recorded at once, not queued: {1}", run.runId(), e);
      }
    }
    return watch(supervised);
  }

  /**
   * Runs the watch over all live runs on {@code timers} every {@link #TICK}, until the returned
   * future is cancelled: it reads their output, writes it every {@link #FLUSH_PERIOD}, and ends the
   * processes whose time is up or whose grace after SIGTERM is over.
   */
  public ScheduledFuture<?> watchOn(ScheduledExecutorService timers) {
    long period = TICK.toMillis();
    return timers.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Ends the run's process tree because an operator cancelled the run: SIGTERM at once, SIGKILL
   * after the cancel grace; the run then ends CANCELLED. False when no process of it lives here or
   * it is being ended already.
   */
  public boolean cancel(UUID runId, String message) {
    SupervisedRun supervised = live.get(runId);
    if (supervised == null) {
      return false;
    }
    Ending requested = new Ending(Ending.Reason.CANCEL, message, settings.cancelGrace());
    return supervised.end(requested) == requested;
  }

  /** Whether a process of the run lives under this supervisor. */
  public boolean isLive(UUID runId) {
    return live.containsKey(runId);
  }

  /** The runs whose processes live here. */
  public Set<UUID> liveRuns() {
    return Set.copyOf(live.keySet());
  }

  /**
   * Ends every live run's process tree because this node is going away (SIGTERM, then SIGKILL after
   * the cancel grace or half of {@code wait}, whichever is shorter); their runs are handed back to
   * be run again, by any node, and so is any run that arrives afterwards. Waits at most {@code
   * wait} for them to be recorded.
   */
  public void stopAll(String reason, Duration wait) throws InterruptedException {
    stopReason = reason;
    rescheduleAll(reason, settings.cancelGrace(), wait);
  }

  /**
   * Ends every live run's process tree (SIGTERM, then SIGKILL after {@code grace} or half of {@code
   * wait}, whichever is shorter) and hands their runs back to be run again. Waits at most {@code
   * wait} for them to be recorded; the SIGKILL is sent from here, so it needs no watch.
   */
  public void rescheduleAll(String reason, Duration grace, Duration wait)
      throws InterruptedException {
    Duration shortGrace = min(grace, wait.dividedBy(2));
    Set<UUID> ending = Set.copyOf(live.keySet());
    live.values()
        .forEach(
            supervised -> supervised.end(new Ending(Ending.Reason.SHUTDOWN, reason, shortGrace)));
    long deadline = System.nanoTime() + wait.toNanos();
    while (ending.stream().anyMatch(live::containsKey) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      live.values().forEach(SupervisedRun::killIfGraceOver);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public int liveCount() {
    return live.size();
  }

  /** One round of the watch over every live run; nothing escapes, or the schedule would end. */
  void tick() {
    boolean flush = ticks.incrementAndGet() % TICKS_PER_FLUSH == 0;
    for (SupervisedRun supervised : live.values()) {
      try {
        supervised.tick(flush, settings.cancelGrace(), processes, recorder);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Watching run " + supervised.run.runId() + " failed; the next tick tries again",
            e);
      }
    }
  }

  private CompletableFuture<Void> watch(SupervisedRun supervised) {
    RunLaunch run = supervised.run;
    live.put(run.runId(), supervised);
    if (!recordStart(run, supervised.process, supervised.launchedAt)) {
      forget(supervised);
      return supervised.done;
    }
    String stopping = stopReason;
    if (stopping != null) {
      // stopAll began while the start was recorded and may not have seen this run.
      supervised.end(new Ending(Ending.Reason.SHUTDOWN, stopping, settings.cancelGrace()));
    }
    supervised.watched();
    if (!supervised.process.isAlive()) {
      // A short process has ended while its start was recorded: no hand-over for its end.
      conclude(supervised);
      return supervised.done;
    }
    supervised.process.onExit().whenComplete((exited, error) -> exited(supervised));
    return supervised.done;
  }

  /** Hands the exit over to the processes executor: the JDK's reaper thread is not to wait. */
  private void exited(SupervisedRun supervised) {
    try {
      processes.execute(() -> conclude(supervised));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Run {0}: the processes executor refused its end ({1}); recorded on this thread",
          supervised.run.runId(),
          e.toString());
      conclude(supervised);
    }
  }

  /** The process has exited: its last output, its result and its final state are recorded. */
  private void conclude(SupervisedRun supervised) {
    RunLaunch run = supervised.run;
    try {
      int code = supervised.process.exitCode();
      Ending ending = supervised.ending();
      if (ending != null) {
        // The process is gone; whatever it started and left behind goes with it.
        supervised.process.destroyTree();
      }
      OutputCapture output = supervised.output;
      output.drainAndClose();
      String result =
          ResultFile.read(supervised.resultFile, why -> output.add(OutputLine.RUNWAY, why));
      recordEnd(supervised, () -> end(run, ending, code, result));
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Run " + run.runId() + " could not be concluded; it keeps its last recorded state",
          e);
    } finally {
      forget(supervised);
    }
  }

  private void forget(SupervisedRun supervised) {
    live.remove(supervised.run.runId());
    ResultFile.delete(supervised.resultFile);
    supervised.done.complete(null);
  }

  /** The final state: the exit status says it, unless the runner itself ended the process. */
  private void end(RunLaunch run, Ending ending, int code, String result) {
    Instant at = clock.instant();
    if (ending == null && stopReason == null) {
      finish(run, ProcessOutcome.ofExit(code, at), result);
    } else if (ending == null || ending.reason() == Ending.Reason.SHUTDOWN) {
      recorder.rescheduled(run.runId(), ending == null ? stopReason : ending.message());
    } else if (ending.reason() == Ending.Reason.CANCEL) {
      finish(run, ProcessOutcome.cancelled(ending.message(), code, at), result);
    } else {
      finish(run, ProcessOutcome.timedOut(run.timeoutSeconds(), code, at), result);
    }
  }

  /** Records RUNNING; a run that may not run, or a start the store refuses, kills the process. */
  private boolean recordStart(RunLaunch run, LaunchedProcess process, Instant launchedAt) {
    String pid = Long.toString(process.pid());
    try {
      if (recorder.started(
          run.runId(), process.pid(), process.startInstant().orElse(null), launchedAt)) {
        LOG.log(
            Level.INFO, "Run {0} ({1}) started as process {2}", run.runName(), run.runId(), pid);
        return true;
      }
      LOG.log(
          Level.INFO,
          "Run {0} ended before its process started; process {1} killed",
          run.runId(),
          pid);
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Run "
              + run.runId()
              + " could not be recorded RUNNING; its process "
              + pid
              + " is killed and the run left PENDING",
          e);
    }
    process.destroyTree();
    return false;
  }

  private void finish(RunLaunch run, ProcessOutcome outcome, String result) {
    String message = outcome.state().message() == null ? "exit 0" : outcome.state().message();
    if (recorder.finished(run.runId(), outcome, result)) {
      LOG.log(
          Level.INFO,
          "Run {0} ({1}) ended {2}: {3}",
          run.runName(),
          run.runId(),
          outcome.state().type(),
          message);
    } else {
      LOG.log(
          Level.INFO,
          "Run {0} ({1}) had already ended; its process then exited ({2})",
          run.runName(),
          run.runId(),
          message);
    }
  }

  /** Writes the last output, then the final state, each retried through store hiccups. */
  private void recordEnd(SupervisedRun supervised, Runnable finalState) {
    UUID runId = supervised.run.runId();
    Persistently.run("the last output of run " + runId, () -> supervised.write(recorder, true));
    Persistently.run("the final state of run " + runId, finalState);
  }

  private LaunchSpec plan(RunLaunch run, Path resultFile) throws LaunchRefused {
    List<String> argv = CommandLine.expand(run.command(), run.parameters());
    SafePaths.program(argv.get(0));
    Path directory = SafePaths.workingDirectory(run.workingDirectory());
    Map<String, String> env =
        ProcessEnvironment.of(run, settings.nodeEnvironment(), settings.apiUrl(), resultFile);
    return new LaunchSpec(argv, directory, env);
  }
}
