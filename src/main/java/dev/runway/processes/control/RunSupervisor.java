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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one claimed run's process from start to final state: plans the launch, starts it, records it
 * RUNNING, captures its output and maps its exit to the final state. Nothing it meets, from a
 * missing program to a store error, escapes: the caller's thread always gets control back.
 */
public class RunSupervisor {

  private static final Logger LOG = System.getLogger(RunSupervisor.class.getName());

  /** How long output may wait in memory before it is written, while the process runs. */
  static final Duration FLUSH_PERIOD = Duration.ofMillis(200);

  private final ProcessLauncher launcher;
  private final RunRecorder recorder;
  private final Clock clock;
  private final ExecutorService readers;
  private final SupervisorSettings settings;
  private final Map<UUID, Supervised> live = new ConcurrentHashMap<>();
  private volatile String stopReason;

  public RunSupervisor(
      ProcessLauncher launcher,
      RunRecorder recorder,
      Clock clock,
      ExecutorService readers,
      SupervisorSettings settings) {
    this.launcher = launcher;
    this.recorder = recorder;
    this.clock = clock;
    this.readers = readers;
    this.settings = settings;
  }

  /** A live run: its process, its output, and the end asked for, if any. */
  private static final class Supervised {
    final RunLaunch run;
    final LaunchedProcess process;
    final OutputCapture output;
    final long startedNanos = System.nanoTime();
    private Ending ending;

    Supervised(RunLaunch run, LaunchedProcess process, OutputCapture output) {
      this.run = run;
      this.process = process;
      this.output = output;
    }

    /** Asks for the end and sends SIGTERM at once; the first reason stays. */
    Ending end(Ending requested) {
      Ending current;
      synchronized (this) {
        if (ending == null) {
          ending = requested;
        }
        current = ending;
      }
      if (current.terminate(process, System.nanoTime())) {
        LOG.log(
            Level.INFO,
            "Run {0} ({1}): SIGTERM sent to its process tree ({2}); SIGKILL in {3}s if it lives",
            run.runName(),
            run.runId(),
            current.message(),
            current.grace().toSeconds());
      }
      return current;
    }

    synchronized Ending ending() {
      return ending;
    }
  }

  /** Blocks until the run has reached its final state. */
  public void supervise(RunLaunch run) {
    if (stopReason != null) {
      Persistently.run(
          "the hand-back of run " + run.runId(),
          () -> recorder.rescheduled(run.runId(), stopReason));
      return;
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
      return;
    }
    watch(run, process, resultFile);
  }

  /**
   * Ends the run's process tree because an operator cancelled the run: SIGTERM at once, SIGKILL
   * after the cancel grace; the run then ends CANCELLED. False when no process of it lives here or
   * it is being ended already.
   */
  public boolean cancel(UUID runId, String message) {
    Supervised supervised = live.get(runId);
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
   * wait} for them to be recorded.
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
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public int liveCount() {
    return live.size();
  }

  private void watch(RunLaunch run, LaunchedProcess process, Path resultFile) {
    OutputCapture output = new OutputCapture(clock, run.lastLogSeq());
    Supervised supervised = new Supervised(run, process, output);
    live.put(run.runId(), supervised);
    try {
      if (!recordStart(run, process)) {
        return;
      }
      int code = awaitExit(supervised);
      Ending ending = supervised.ending();
      if (ending != null) {
        // The process is gone; whatever it started and left behind goes with it.
        process.destroyTree();
      }
      String result = ResultFile.read(resultFile, why -> output.add(OutputLine.RUNWAY, why));
      recordEnd(run, output, () -> end(run, ending, code, result));
    } catch (InterruptedException e) {
      // Only a stopping server interrupts supervisors: hand the run back before going.
      process.destroyTree();
      String reason =
          stopReason != null
              ? stopReason
              : "the server stopped supervising the run; it will run again";
      recordEnd(run, output, () -> recorder.rescheduled(run.runId(), reason));
      Thread.currentThread().interrupt();
    } finally {
      live.remove(run.runId());
      ResultFile.delete(resultFile);
    }
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
  private boolean recordStart(RunLaunch run, LaunchedProcess process) {
    String pid = Long.toString(process.pid());
    try {
      if (recorder.started(run.runId(), process.pid(), process.startInstant().orElse(null))) {
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
  private void recordEnd(RunLaunch run, OutputCapture output, Runnable finalState) {
    Persistently.run("the last output of run " + run.runId(), () -> flushOrThrow(run, output));
    Persistently.run("the final state of run " + run.runId(), finalState);
  }

  /**
   * Waits for the exit, writing the output to the store every {@link #FLUSH_PERIOD} meanwhile, and
   * ending the process when its time is up or after the grace of an end asked for.
   */
  private int awaitExit(Supervised supervised) throws InterruptedException {
    UUID runId = supervised.run.runId();
    LaunchedProcess process = supervised.process;
    OutputCapture output = supervised.output;
    Future<?> stdout = readers.submit(() -> output.pump(process.stdout(), OutputLine.STDOUT));
    Future<?> stderr = readers.submit(() -> output.pump(process.stderr(), OutputLine.STDERR));
    while (!process.waitFor(FLUSH_PERIOD)) {
      flush(supervised.run, output);
      enforceEnd(supervised);
    }
    int code = process.exitCode();
    // A background child may hold the pipes open after the process exits: wait a little for the
    // last lines, then close the pipes so that the readers end.
    awaitReader(stdout, process);
    awaitReader(stderr, process);
    return code;
  }

  private void enforceEnd(Supervised supervised) {
    RunLaunch run = supervised.run;
    long now = System.nanoTime();
    Ending ending = supervised.ending();
    if (ending == null && run.timeoutSeconds() != null) {
      if (now - supervised.startedNanos >= Duration.ofSeconds(run.timeoutSeconds()).toNanos()) {
        supervised.end(
            new Ending(
                Ending.Reason.TIMEOUT,
                "timed out after " + run.timeoutSeconds() + "s",
                settings.cancelGrace()));
      }
      return;
    }
    if (ending != null && ending.killIfGraceOver(supervised.process, now)) {
      LOG.log(
          Level.INFO,
          "Run {0} ({1}): its process tree outlived the {2}s grace; SIGKILL sent",
          run.runName(),
          run.runId(),
          ending.grace().toSeconds());
    }
  }

  private void awaitReader(Future<?> reader, LaunchedProcess process) throws InterruptedException {
    try {
      reader.get(settings.outputGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      closeQuietly(process);
      reader.cancel(true);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.log(Level.WARNING, "Output reader of process " + process.pid() + " failed", e.getCause());
    }
  }

  private static void closeQuietly(LaunchedProcess process) {
    try {
      process.stdout().close();
      process.stderr().close();
    } catch (IOException e) {
      // Closing is only to unblock the readers; a failure leaves them to end with the pipe.
    }
  }

  private void flushOrThrow(RunLaunch run, OutputCapture output) {
    UUID runId = run.runId();
    int attempt = run.runCount();
    synchronized (output) {
      List<OutputLine> lines = output.drain();
      try {
        if (!lines.isEmpty()) {
          recorder.output(runId, attempt, lines);
        }
      } catch (RuntimeException e) {
        output.restore(lines);
        throw e;
      }
    }
  }

  private void flush(RunLaunch run, OutputCapture output) {
    UUID runId = run.runId();
    int attempt = run.runCount();
    synchronized (output) {
      List<OutputLine> lines = output.drain();
      if (lines.isEmpty()) {
        return;
      }
      try {
        recorder.output(runId, attempt, lines);
      } catch (RuntimeException e) {
        output.restore(lines);
        LOG.log(
            Level.WARNING,
            "{0} log lines of run {1} not stored yet, will retry: {2}",
            lines.size(),
            runId,
            e.toString());
      }
    }
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
