package dev.runway.processes.control;

import dev.runway.processes.entity.OutputLine;
import dev.runway.processes.entity.RunLaunch;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run whose process lives under the supervisor: its process, its output, the end asked for if
 * any, and the future its dispatcher waits on. What the watch does to one run on each tick is here.
 */
final class SupervisedRun {

  private static final Logger LOG = System.getLogger(SupervisedRun.class.getName());

  final RunLaunch run;
  final LaunchedProcess process;
  final OutputCapture output;
  final Path resultFile;
  final CompletableFuture<Void> done = new CompletableFuture<>();

  /** When the launch returned: the run's start, whenever it is recorded. */
  final Instant launchedAt;

  private final long startedNanos = System.nanoTime();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final Object writing = new Object();
  private volatile boolean watched;
  private Ending ending;

  SupervisedRun(RunLaunch run, LaunchedProcess process, Path resultFile, Clock clock) {
    this.run = run;
    this.process = process;
    this.resultFile = resultFile;
    this.launchedAt = clock.instant();
    this.output = new OutputCapture(clock, run.lastLogSeq(), process.stdout(), process.stderr());
  }

  /** Its start is recorded: from now on the watch reads its output and enforces its end. */
  void watched() {
    watched = true;
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

  /**
   * One tick of the watch: reads what the pipes hold, ends the process when its time is up or the
   * grace of an end asked for is over, and with {@code flush} hands the output read to {@code
   * writers}.
   */
  void tick(boolean flush, Duration cancelGrace, Executor writers, RunRecorder recorder) {
    if (!watched) {
      return;
    }
    output.poll();
    enforceEnd(cancelGrace);
    if (flush) {
      flushLater(writers, recorder);
    }
  }

  private void enforceEnd(Duration cancelGrace) {
    Integer timeout = run.timeoutSeconds();
    if (ending() == null && timeout != null) {
      if (System.nanoTime() - startedNanos >= Duration.ofSeconds(timeout).toNanos()) {
        end(new Ending(Ending.Reason.TIMEOUT, "timed out after " + timeout + "s", cancelGrace));
      }
      return;
    }
    killIfGraceOver();
  }

  /** Sends SIGKILL once the grace after SIGTERM is over. */
  void killIfGraceOver() {
    Ending current = ending();
    if (current != null && current.killIfGraceOver(process, System.nanoTime())) {
      LOG.log(
          Level.INFO,
          "Run {0} ({1}): its process tree outlived the {2}s grace; SIGKILL sent",
          run.runName(),
          run.runId(),
          current.grace().toSeconds());
    }
  }

  /** Writes the output read so far on {@code writers}, one write of this run at a time. */
  private void flushLater(Executor writers, RunRecorder recorder) {
    if (!output.hasPending() || !flushing.compareAndSet(false, true)) {
      return;
    }
    try {
      writers.execute(
          () -> {
            try {
              write(recorder, false);
            } finally {
              flushing.set(false);
            }
          });
    } catch (RuntimeException e) {
      flushing.set(false);
      LOG.log(
          Level.WARNING,
          "Output of run {0} not written yet, will retry: {1}",
          run.runId(),
          e.toString());
    }
  }

  /**
   * Writes the pending lines; lines the store refuses go back ahead of newer ones, and {@code
   * orThrow} says whether the refusal reaches the caller or is only logged for the next period.
   */
  void write(RunRecorder recorder, boolean orThrow) {
    synchronized (writing) {
      List<OutputLine> lines = output.drain();
      if (lines.isEmpty()) {
        return;
      }
      try {
        recorder.output(run.runId(), run.runCount(), lines);
      } catch (RuntimeException e) {
        output.restore(lines);
        if (orThrow) {
          throw e;
        }
        LOG.log(
            Level.WARNING,
            "{0} log lines of run {1} not stored yet, will retry: {2}",
            lines.size(),
            run.runId(),
            e.toString());
      }
    }
  }
}
