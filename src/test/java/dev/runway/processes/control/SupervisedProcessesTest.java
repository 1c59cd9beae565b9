package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.flowruns.entity.StateType;
import dev.runway.processes.control.RunSupervisorTest.RecordingRecorder;
import dev.runway.processes.entity.OutputLine;
import dev.runway.processes.entity.RunLaunch;
import jakarta.json.JsonValue;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor over real processes of {@code /bin/sh}, with its watch on a real scheduler: what
 * the JDK's pipes do when nobody blocks on them.
 */
@Timeout(30)
class SupervisedProcessesTest {

  private static final long WAIT_SECONDS = 15;

  @TempDir Path resultDirectory;

  private final RecordingRecorder recorder = new RecordingRecorder();
  private final List<UUID> runs = new ArrayList<>();
  private ExecutorService processes;
  private ScheduledExecutorService timers;
  private RunSupervisor supervisor;

  @BeforeEach
  void startSupervisor() {
    processes = Executors.newCachedThreadPool();
    timers = Executors.newSingleThreadScheduledExecutor();
    SupervisorSettings settings =
        new SupervisorSettings(
            Map.of("PATH", "/usr/bin:/bin"), "http://api", resultDirectory, Duration.ofSeconds(1));
    supervisor =
        new RunSupervisor(
            new OsProcessLauncher(), recorder, Clock.systemUTC(), processes, settings);
    supervisor.watchOn(timers);
  }

  @AfterEach
  void stopSupervisor() throws InterruptedException {
    runs.forEach(run -> ProcessTree.ofRun(run, null, null).kill());
    timers.shutdownNow();
    processes.shutdownNow();
    assertTrue(timers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(processes.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  private RunLaunch shell(String script) {
    return shell(script, null);
  }

  private RunLaunch shell(String script, Integer timeoutSeconds) {
    RunLaunch run =
        new RunLaunch(
            UUID.randomUUID(),
            "real-otter",
            UUID.randomUUID(),
            "real",
            "sh",
            List.of("/bin/sh", "-c", script),
            null,
            Map.of(),
            JsonValue.EMPTY_JSON_OBJECT,
            1,
            0,
            "token",
            timeoutSeconds);
    runs.add(run.runId());
    return run;
  }

  private static void awaitEnd(CompletableFuture<Void> ended) throws Exception {
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "still not " + what);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private List<String> texts(String stream) {
    return recorder.lines().stream()
        .filter(line -> line.stream().equals(stream))
        .map(OutputLine::text)
        .toList();
  }

  @Test
  void manyLinesPrintedQuicklyAreAllRecordedInOrder() throws Exception {
    int count = 50_000;
    String script = "i=1; while [ $i -le " + count + " ]; do echo \"line $i\"; i=$((i+1)); done";

    awaitEnd(supervisor.supervise(shell(script)));

    List<String> expected = LongStream.rangeClosed(1, count).mapToObj(i -> "line " + i).toList();
    assertEquals(expected, texts(OutputLine.STDOUT));
    List<Long> seqs = recorder.lines().stream().map(OutputLine::seq).toList();
    assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), seqs);
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
  }

  @Test
  void bothStreamsAreRecordedCompletelyUnderOneNumbering() throws Exception {
    String script =
        "i=1; while [ $i -le 2000 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done";

    awaitEnd(supervisor.supervise(shell(script)));

    assertEquals(
        LongStream.rangeClosed(1, 2000).mapToObj(i -> "out " + i).toList(),
        texts(OutputLine.STDOUT));
    assertEquals(
        LongStream.rangeClosed(1, 2000).mapToObj(i -> "err " + i).toList(),
        texts(OutputLine.STDERR));
    List<Long> seqs = recorder.lines().stream().map(OutputLine::seq).toList();
    assertEquals(LongStream.rangeClosed(1, 4000).boxed().toList(), seqs);
  }

  @Test
  void aBackgroundChildHoldingThePipesDoesNotDelayTheEnd() throws Exception {
    long before = System.nanoTime();

    awaitEnd(supervisor.supervise(shell("echo parent; sleep 30 & echo done")));

    long took = System.nanoTime() - before;
    assertTrue(took < TimeUnit.SECONDS.toNanos(5), "ended after " + took / 1_000_000 + " ms");
    assertEquals(List.of("parent", "done"), texts(OutputLine.STDOUT));
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
    assertEquals(0, supervisor.liveCount());
  }

  @Test
  void outputAfterALongSilenceIsRecordedWhileTheProcessRuns() throws Exception {
    RunLaunch run = shell("echo early; sleep 2; echo late; sleep 30");

    CompletableFuture<Void> ended = supervisor.supervise(run);
    await("late written", () -> texts(OutputLine.STDOUT).contains("late"));

    assertFalse(ended.isDone(), "the process still runs");
    assertEquals(List.of("early", "late"), texts(OutputLine.STDOUT));
    assertTrue(supervisor.cancel(run.runId(), "enough"));
    awaitEnd(ended);
    assertEquals(StateType.CANCELLED, recorder.onlyFinished().outcome().state().type());
  }

  @Test
  void aLastLineWithoutNewlineIsRecordedAtTheExit() throws Exception {
    awaitEnd(supervisor.supervise(shell("printf 'first\\nno newline'")));

    assertEquals(List.of("first", "no newline"), texts(OutputLine.STDOUT));
  }

  @Test
  void aProcessIgnoringSigtermIsKilledAfterTheCancelGrace() throws Exception {
    RunLaunch run = shell("trap '' TERM; echo ready; sleep 30");
    CompletableFuture<Void> ended = supervisor.supervise(run);
    await("ready", () -> texts(OutputLine.STDOUT).contains("ready"));
    long cancelled = System.nanoTime();

    assertTrue(supervisor.cancel(run.runId(), "stop it"));
    awaitEnd(ended);

    long took = System.nanoTime() - cancelled;
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(900), "killed after " + took / 1_000_000);
    ProcessOutcome outcome = recorder.onlyFinished().outcome();
    assertEquals(StateType.CANCELLED, outcome.state().type());
    assertEquals(137, outcome.exitCode());
  }

  @Test
  void aRunOutlivingItsTimeoutIsEndedAsTimedOut() throws Exception {
    long before = System.nanoTime();

    awaitEnd(supervisor.supervise(shell("sleep 30", 1)));

    long took = System.nanoTime() - before;
    assertTrue(took >= TimeUnit.SECONDS.toNanos(1), "ended after " + took / 1_000_000 + " ms");
    ProcessOutcome outcome = recorder.onlyFinished().outcome();
    assertEquals(StateType.FAILED, outcome.state().type());
    assertEquals("TimedOut", outcome.state().name());
  }

  @Test
  void stopAllEndsEveryLiveRunAndHandsItBack() throws Exception {
    List<CompletableFuture<Void>> ended = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ended.add(supervisor.supervise(shell("trap '' TERM; sleep 30")));
    }

    supervisor.stopAll("node going away", Duration.ofSeconds(4));

    for (CompletableFuture<Void> run : ended) {
      assertTrue(run.isDone(), "stopAll returns once every run is recorded");
    }
    assertEquals(5, recorder.rescheduled().size());
    assertEquals(List.of(), recorder.finished());
    assertEquals(0, supervisor.liveCount());
  }

  @Test
  void supervisedRunsHoldNoThreadOfTheSupervisorWhileTheyRun() throws Exception {
    int count = 20;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    List<CompletableFuture<Void>> ended = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ended.add(supervisor.supervise(shell("sleep 30")));
    }
    await("all live", () -> supervisor.liveCount() == count);

    int during = threads.getThreadCount();

    assertTrue(
        during - before <= count + 2,
        (during - before) + " more threads for " + count + " runs: only the JDK's reapers");
    supervisor.rescheduleAll("test over", Duration.ZERO, Duration.ofSeconds(5));
    for (CompletableFuture<Void> run : ended) {
      awaitEnd(run);
    }
  }
}
