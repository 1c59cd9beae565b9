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
import java.util.List;
import java.util.Map;
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

  private record Supervised(LaunchedProcess process, OutputCapture output) {}

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
   * Kills every live run's process tree because this node is going away; their runs are handed back
   * to be run again, by any node. Waits at most {@code wait} for them to be recorded.
   */
  public void stopAll(String reason, Duration wait) throws InterruptedException {
    stopReason = reason;
    live.values().forEach(supervised -> supervised.process().destroyTree());
    long deadline = System.nanoTime() + wait.toNanos();
    while (!live.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  public int liveCount() {
    return live.size();
  }

  private void watch(RunLaunch run, LaunchedProcess process, Path resultFile) {
    OutputCapture output = new OutputCapture(clock, run.lastLogSeq());
    live.put(run.runId(), new Supervised(process, output));
    try {
      if (!recordStart(run, process)) {
        return;
      }
      int code = awaitExit(run.runId(), process, output);
      recordEnd(
          run,
          output,
          () -> {
            if (stopReason != null) {
              recorder.rescheduled(run.runId(), stopReason);
            } else {
              finish(run, ProcessOutcome.ofExit(code, clock.instant()), resultFile);
            }
          });
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

  /** Records RUNNING; a run that may not run, or a start the store refuses, kills the process. */
  private boolean recordStart(RunLaunch run, LaunchedProcess process) {
    String pid = Long.toString(process.pid());
    try {
      if (recorder.started(run.runId(), process.pid())) {
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

  private void finish(RunLaunch run, ProcessOutcome outcome, Path resultFile) {
    String message = outcome.state().message() == null ? "exit 0" : outcome.state().message();
    if (recorder.finished(run.runId(), outcome, ResultFile.read(resultFile))) {
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
    Persistently.run(
        "the last output of run " + run.runId(), () -> flushOrThrow(run.runId(), output));
    Persistently.run("the final state of run " + run.runId(), finalState);
  }

  /** Waits for the exit, writing the output to the store every {@link #FLUSH_PERIOD} meanwhile. */
  private int awaitExit(UUID runId, LaunchedProcess process, OutputCapture output)
      throws InterruptedException {
    Future<?> stdout = readers.submit(() -> output.pump(process.stdout(), OutputLine.STDOUT));
    Future<?> stderr = readers.submit(() -> output.pump(process.stderr(), OutputLine.STDERR));
    while (!process.waitFor(FLUSH_PERIOD)) {
      flush(runId, output);
    }
    int code = process.exitCode();
    // A background child may hold the pipes open after the process exits: wait a little for the
    // last lines, then close the pipes so that the readers end.
    awaitReader(stdout, process);
    awaitReader(stderr, process);
    return code;
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

  private void flushOrThrow(UUID runId, OutputCapture output) {
    synchronized (output) {
      List<OutputLine> lines = output.drain();
      try {
        if (!lines.isEmpty()) {
          recorder.output(runId, lines);
        }
      } catch (RuntimeException e) {
        output.restore(lines);
        throw e;
      }
    }
  }

  private void flush(UUID runId, OutputCapture output) {
    synchronized (output) {
      List<OutputLine> lines = output.drain();
      if (lines.isEmpty()) {
        return;
      }
      try {
        recorder.output(runId, lines);
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
