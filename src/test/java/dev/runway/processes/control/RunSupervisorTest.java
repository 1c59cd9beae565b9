package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.flowruns.entity.StateType;
import dev.runway.processes.entity.LaunchSpec;
import dev.runway.processes.entity.OutputLine;
import dev.runway.processes.entity.RunLaunch;
import dev.runway.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class RunSupervisorTest {

  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  private static final long WAIT_SECONDS = 10;

  @TempDir Path resultDirectory;
  @TempDir Path workDirectory;

  private final MutableClock clock = new MutableClock(START);
  private final RecordingRecorder recorder = new RecordingRecorder();
  private final FakeLauncher launcher = new FakeLauncher();
  private ScheduledExecutorService timers;

  @AfterEach
  void stopTimers() throws InterruptedException {
    if (timers != null) {
      timers.shutdownNow();
      assertTrue(timers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  /**
   * A supervisor whose exits and writes run on the thread that causes them, and whose watch runs
   * only when the test ticks it: the fakes' exits and the test's ticks decide everything.
   */
  private RunSupervisor supervisor() {
    return new RunSupervisor(launcher, recorder, clock, Runnable::run, settings());
  }

  /** Tasks given to the processes executor, kept for the test to run when it chooses. */
  private final List<Runnable> handedOver = new ArrayList<>();

  /** A supervisor whose processes executor only keeps the tasks, in {@link #handedOver}. */
  private RunSupervisor supervisorHandingOver() {
    return new RunSupervisor(launcher, recorder, clock, handedOver::add, settings());
  }

  private SupervisorSettings settings() {
    return new SupervisorSettings(
        Map.of("PATH", "/usr/bin"), "http://api", resultDirectory, Duration.ofSeconds(1));
  }

  /** Supervises a run whose process has exited already, or never starts: it ends at once. */
  private static void superviseToEnd(RunSupervisor supervisor, RunLaunch run) {
    assertTrue(supervisor.supervise(run).isDone(), "the run ended with its process");
  }

  /** Ticks the watch through one flush period: it reads the pipes and writes what they held. */
  private static void letFlushPeriodPass(RunSupervisor supervisor) {
    for (long i = 0; i < RunSupervisor.TICKS_PER_FLUSH; i++) {
      supervisor.tick();
    }
  }

  private static RunLaunch run(List<String> command, String workingDirectory, JsonObject params) {
    return run(command, workingDirectory, params, 0);
  }

  private static RunLaunch run(
      List<String> command, String workingDirectory, JsonObject params, long lastLogSeq) {
    return new RunLaunch(
        UUID.randomUUID(),
        "amber-otter",
        UUID.randomUUID(),
        "nightly",
        "etl",
        command,
        workingDirectory,
        Map.of("MODE", "batch"),
        params,
        1,
        lastLogSeq,
        "token",
        null);
  }

  private static RunLaunch run() {
    return run(List.of("/usr/bin/true"), null, Json.createObjectBuilder().build());
  }

  // --- outcomes -----------------------------------------------------------------------------

  @Test
  void outputOfBothStreamsIsRecordedInOrderWithIncreasingSeqThenCompleted() {
    FakeProcess process = FakeProcess.exiting(0, "out1\nout2\nout3\n", "err1\nerr2\n");
    launcher.willReturn(process);
    RunLaunch run = run();

    superviseToEnd(supervisor(), run);

    List<OutputLine> lines = recorder.lines();
    assertEquals(5, lines.size(), lines.toString());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(i + 1, lines.get(i).seq(), "seq numbers are 1..n in the order recorded");
      assertEquals(START, lines.get(i).at());
    }
    assertEquals(List.of("out1", "out2", "out3"), texts(lines, OutputLine.STDOUT));
    assertEquals(List.of("err1", "err2"), texts(lines, OutputLine.STDERR));
    assertTrue(
        lines.stream().allMatch(l -> l.stream().equals("stdout") || l.stream().equals("stderr")));
    Finished finished = recorder.onlyFinished();
    assertEquals(run.runId(), finished.runId());
    assertEquals(StateType.COMPLETED, finished.outcome().state().type());
    assertEquals(0, finished.outcome().exitCode());
    assertNull(finished.result());
    assertEquals("finished", recorder.calls().get(recorder.calls().size() - 1));
    assertEquals("started", recorder.calls().get(0));
    assertTrue(recorder.allOutputFor(run.runId()));
    assertTrue(process.outputClosed(), "both pipes are given back at the end");
  }

  @Test
  void startedIsRecordedWithTheProcessPid() {
    FakeProcess process = new FakeProcess(4242, FakeProcess.stream(""), FakeProcess.stream(""));
    process.exit(0);
    launcher.willReturn(process);
    RunLaunch run = run();

    superviseToEnd(supervisor(), run);

    assertEquals(List.of(new Started(run.runId(), 4242)), recorder.started());
  }

  @Test
  void nonZeroExitIsFailedWithTheCodeAndAnExplanation() {
    launcher.willReturn(FakeProcess.exiting(3, "working\n", "boom\n"));

    superviseToEnd(supervisor(), run());

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.FAILED, finished.outcome().state().type());
    assertEquals(3, finished.outcome().exitCode());
    assertTrue(
        finished.outcome().state().message().startsWith("Process exited with status code 3."),
        finished.outcome().state().message());
    assertEquals(2, recorder.lines().size(), "output is kept for failed runs too");
  }

  @Test
  void killedBySigkillIsCrashed() {
    launcher.willReturn(FakeProcess.exiting(137, "", ""));

    superviseToEnd(supervisor(), run());

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    assertTrue(finished.outcome().state().message().contains("SIGKILL"));
    assertEquals(137, finished.outcome().exitCode());
  }

  @Test
  void theFinalStateIsTimestampedWhenTheProcessEnded() throws Exception {
    FakeProcess process = FakeProcess.running("line\n", "");
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();

    CompletableFuture<Void> ended = supervisor.supervise(run());
    supervisor.tick();
    clock.advance(Duration.ofMinutes(5));
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(START, recorder.lines().get(0).at(), "lines carry the time they were read");
    assertEquals(
        START.plus(Duration.ofMinutes(5)), recorder.onlyFinished().outcome().state().timestamp());
  }

  // --- refusals before launch ---------------------------------------------------------------

  @Test
  void aProgramThatCannotBeStartedIsCrashedAndNeverRecordedAsStarted() {
    launcher.willThrow(new IOException("Cannot run program \"/opt/nope\": error=2, No such file"));

    superviseToEnd(
        supervisor(), run(List.of("/opt/nope"), null, Json.createObjectBuilder().build()));

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    String message = finished.outcome().state().message();
    assertTrue(message.contains("could not be started"), message);
    assertTrue(message.contains("No such file"), message);
    assertNull(finished.outcome().exitCode());
    assertNull(finished.result());
    assertEquals(List.of(), recorder.started());
    assertEquals(List.of("finished"), recorder.calls());
  }

  @Test
  void aMissingPlaceholderParameterIsCrashedWithoutLaunching() {
    RunLaunch run =
        run(
            List.of("/usr/bin/echo", "{{ parameters.date }}"),
            null,
            Json.createObjectBuilder().add("other", 1).build());

    superviseToEnd(supervisor(), run);

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    assertTrue(finished.outcome().state().message().contains("'date'"));
    assertEquals(0, launcher.launches().size());
    assertEquals(List.of(), recorder.started());
  }

  @Test
  void aRelativeWorkingDirectoryIsCrashedWithoutLaunching() {
    superviseToEnd(
        supervisor(), run(List.of("/usr/bin/true"), "relative/dir", JsonValue.EMPTY_JSON_OBJECT));

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    assertTrue(finished.outcome().state().message().contains("not an absolute path"));
    assertEquals(0, launcher.launches().size());
  }

  @Test
  void aRelativeProgramIsCrashedWithoutLaunching() {
    superviseToEnd(
        supervisor(), run(List.of("python3", "job.py"), null, JsonValue.EMPTY_JSON_OBJECT));

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    assertTrue(finished.outcome().state().message().contains("program 'python3'"));
    assertEquals(0, launcher.launches().size());
  }

  @Test
  void aProgramClimbingOutWithDotDotIsCrashedWithoutLaunching() {
    superviseToEnd(
        supervisor(), run(List.of("/opt/jobs/../../bin/sh"), null, JsonValue.EMPTY_JSON_OBJECT));

    Finished finished = recorder.onlyFinished();
    assertTrue(finished.outcome().state().message().contains("'..'"));
    assertEquals(0, launcher.launches().size());
  }

  @Test
  void aNonExistentWorkingDirectoryIsCrashedWithoutLaunching() {
    String missing = workDirectory.resolve("does-not-exist").toString();

    superviseToEnd(
        supervisor(), run(List.of("/usr/bin/true"), missing, JsonValue.EMPTY_JSON_OBJECT));

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    assertTrue(finished.outcome().state().message().contains("does not exist"));
    assertTrue(finished.outcome().state().message().contains(missing));
    assertEquals(0, launcher.launches().size());
  }

  @Test
  void aWorkingDirectoryThatIsAFileIsCrashedWithoutLaunching() throws IOException {
    Path file = Files.writeString(workDirectory.resolve("plain.txt"), "x");

    superviseToEnd(
        supervisor(), run(List.of("/usr/bin/true"), file.toString(), JsonValue.EMPTY_JSON_OBJECT));

    assertEquals(StateType.CRASHED, recorder.onlyFinished().outcome().state().type());
    assertEquals(0, launcher.launches().size());
  }

  @Test
  void aWorkingDirectoryWithDotDotIsCrashedWithoutLaunching() throws IOException {
    Path sub = Files.createDirectory(workDirectory.resolve("sub"));
    String sneaky = sub + "/../sub";

    superviseToEnd(
        supervisor(), run(List.of("/usr/bin/true"), sneaky, JsonValue.EMPTY_JSON_OBJECT));

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.CRASHED, finished.outcome().state().type());
    assertTrue(finished.outcome().state().message().contains(".."));
    assertEquals(0, launcher.launches().size());
  }

  // --- the launch itself --------------------------------------------------------------------

  @Test
  void theLaunchSpecCarriesExpandedArgvDirectoryAndTheRunsEnvironment() {
    launcher.willReturn(FakeProcess.exiting(0, "", ""));
    RunLaunch run =
        run(
            List.of("/usr/bin/printf", "%s\\n", "{{ parameters.who }}"),
            workDirectory.toString(),
            Json.createObjectBuilder().add("who", "a b; rm -rf /").build());

    superviseToEnd(supervisor(), run);

    LaunchSpec spec = launcher.onlyLaunch();
    assertEquals(List.of("/usr/bin/printf", "%s\\n", "a b; rm -rf /"), spec.argv());
    assertEquals(workDirectory, spec.workingDirectory());
    Map<String, String> env = spec.environment();
    assertEquals("/usr/bin", env.get("PATH"));
    assertEquals("batch", env.get("MODE"));
    assertEquals(run.runId().toString(), env.get("RUNWAY_FLOW_RUN_ID"));
    assertEquals("amber-otter", env.get("RUNWAY_FLOW_RUN_NAME"));
    assertEquals(run.deploymentId().toString(), env.get("RUNWAY_DEPLOYMENT_ID"));
    assertEquals("nightly", env.get("RUNWAY_DEPLOYMENT_NAME"));
    assertEquals("etl", env.get("RUNWAY_FLOW_NAME"));
    assertEquals("{\"who\":\"a b; rm -rf /\"}", env.get("RUNWAY_PARAMETERS"));
    assertEquals("1", env.get("RUNWAY_RUN_COUNT"));
    assertEquals("http://api", env.get("RUNWAY_API_URL"));
    Path resultFile = Path.of(env.get("RUNWAY_RESULT_FILE"));
    assertEquals(resultDirectory, resultFile.getParent());
    assertTrue(resultFile.getFileName().toString().contains(run.runId().toString()));
  }

  @Test
  void withoutAWorkingDirectoryTheProcessStartsInTheServers() {
    launcher.willReturn(FakeProcess.exiting(0, "", ""));

    superviseToEnd(supervisor(), run());

    assertNull(launcher.onlyLaunch().workingDirectory());
  }

  @Test
  void theResultFileTheProcessWroteIsPassedToFinishedAndThenDeleted() {
    launcher.onLaunch(
        spec -> {
          Path file = Path.of(spec.environment().get("RUNWAY_RESULT_FILE"));
          Files.writeString(file, "{\"rows\": 3}");
          return FakeProcess.exiting(0, "done\n", "");
        });

    superviseToEnd(supervisor(), run());

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.COMPLETED, finished.outcome().state().type());
    assertNotNull(finished.result());
    assertEquals(Json.createObjectBuilder().add("rows", 3).build(), parse(finished.result()));
    Path file = Path.of(launcher.onlyLaunch().environment().get("RUNWAY_RESULT_FILE"));
    assertFalse(Files.exists(file), "the result file is removed once read");
  }

  @Test
  void aResultFileOfAFailedRunIsStillPassed() {
    launcher.onLaunch(
        spec -> {
          Files.writeString(Path.of(spec.environment().get("RUNWAY_RESULT_FILE")), "[1,2]");
          return FakeProcess.exiting(1, "", "");
        });

    superviseToEnd(supervisor(), run());

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.FAILED, finished.outcome().state().type());
    assertEquals("[1,2]", finished.result());
  }

  @Test
  void aResultFileThatIsNotJsonIsIgnored() {
    launcher.onLaunch(
        spec -> {
          Files.writeString(Path.of(spec.environment().get("RUNWAY_RESULT_FILE")), "rows=3 {");
          return FakeProcess.exiting(0, "", "");
        });

    superviseToEnd(supervisor(), run());

    Finished finished = recorder.onlyFinished();
    assertEquals(StateType.COMPLETED, finished.outcome().state().type());
    assertNull(finished.result());
  }

  @Test
  void aResultFileOverOneMebibyteIsIgnored() {
    launcher.onLaunch(
        spec -> {
          String big = "\"" + "x".repeat((int) ResultFile.MAX_BYTES) + "\"";
          Files.writeString(Path.of(spec.environment().get("RUNWAY_RESULT_FILE")), big);
          return FakeProcess.exiting(0, "", "");
        });

    superviseToEnd(supervisor(), run());

    assertNull(recorder.onlyFinished().result());
  }

  // --- a run that may no longer start -------------------------------------------------------

  @Test
  void whenTheRunMayNoLongerStartTheProcessIsKilledAndNoFinalStateIsRecorded() {
    recorder.refuseStart();
    FakeProcess process = FakeProcess.running("should not matter\n", "");
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();

    CompletableFuture<Void> ended = supervisor.supervise(run());

    assertTrue(ended.isDone(), "nothing is left to wait for");
    assertEquals(1, process.destroyCount());
    assertEquals(List.of(), recorder.finished());
    assertEquals(List.of(), recorder.lines());
    assertEquals(List.of("started"), recorder.calls());
    assertEquals(0, supervisor.liveCount());
  }

  // --- output flushing ----------------------------------------------------------------------

  @Test
  void outputIsWrittenEachFlushPeriodWhileTheProcessStillRuns() throws Exception {
    FakeProcess process = FakeProcess.running("early 1\nearly 2\n", "early err\n");
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();
    RunLaunch run = run();

    CompletableFuture<Void> ended = supervisor.supervise(run);
    letFlushPeriodPass(supervisor);

    assertEquals(3, recorder.lines().size());
    assertEquals(List.of(), recorder.finished(), "the run is still running");
    assertEquals(1, supervisor.liveCount());
    assertFalse(ended.isDone());
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(3, recorder.lines().size(), "nothing written twice");
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
    assertEquals(0, supervisor.liveCount());
  }

  @Test
  void theWatchWritesTheOutputOfARunningProcessWithinASecond() throws Exception {
    FeedableStream stdout = new FeedableStream();
    FakeProcess process = new FakeProcess(5, stdout, FakeProcess.stream(""));
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();
    timers = Executors.newSingleThreadScheduledExecutor();
    supervisor.watchOn(timers);
    CompletableFuture<Void> ended = supervisor.supervise(run());

    long fed = System.nanoTime();
    stdout.feed("working\n");
    awaitLines(1);

    long waited = System.nanoTime() - fed;
    assertTrue(
        waited <= TimeUnit.SECONDS.toNanos(1), "written after " + waited / 1_000_000 + " ms");
    assertFalse(ended.isDone(), "the process still runs");
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(List.of("working"), texts(recorder.lines(), OutputLine.STDOUT));
  }

  @Test
  void aFlushPeriodWithNothingPendingDoesNotCallTheRecorder() throws Exception {
    FakeProcess process = FakeProcess.running("", "");
    launcher.willReturn(process);

    RunSupervisor supervisor = supervisor();
    CompletableFuture<Void> ended = supervisor.supervise(run());
    letFlushPeriodPass(supervisor);
    letFlushPeriodPass(supervisor);
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(0, recorder.outputAttempts());
  }

  @Test
  void linesTheStoreRefusedOnceAreWrittenAgainLaterInOrderAndOnlyOnce() throws Exception {
    recorder.failNextOutputs(1);
    FakeProcess process = FakeProcess.running("a\nb\nc\n", "x\n");
    launcher.willReturn(process);

    RunSupervisor supervisor = supervisor();
    CompletableFuture<Void> ended = supervisor.supervise(run());
    letFlushPeriodPass(supervisor);
    assertEquals(1, recorder.outputAttempts(), "the first write was tried");
    assertEquals(List.of(), recorder.lines(), "and refused");
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);

    List<OutputLine> lines = recorder.lines();
    assertEquals(List.of(1L, 2L, 3L, 4L), lines.stream().map(OutputLine::seq).toList());
    assertEquals(List.of("a", "b", "c"), texts(lines, OutputLine.STDOUT));
    assertEquals(List.of("x"), texts(lines, OutputLine.STDERR));
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
  }

  @Test
  void refusedLinesAreRetriedOnTheNextFlushPeriod() throws Exception {
    recorder.failNextOutputs(1);
    FakeProcess process = FakeProcess.running("a\nb\n", "");
    launcher.willReturn(process);

    RunSupervisor supervisor = supervisor();
    CompletableFuture<Void> ended = supervisor.supervise(run());
    letFlushPeriodPass(supervisor);
    letFlushPeriodPass(supervisor);

    assertEquals(2, recorder.outputAttempts());
    assertEquals(List.of("a", "b"), recorder.lines().stream().map(OutputLine::text).toList());
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(2, recorder.lines().size(), "nothing written twice");
  }

  @Test
  void refusedLinesStayAheadOfLinesReadAfterTheRefusal() throws Exception {
    recorder.failNextOutputs(1);
    FeedableStream stdout = new FeedableStream();
    FakeProcess process = new FakeProcess(7, stdout, FakeProcess.stream(""));
    launcher.willReturn(process);

    RunSupervisor supervisor = supervisor();
    CompletableFuture<Void> ended = supervisor.supervise(run());
    stdout.feed("first\n");
    letFlushPeriodPass(supervisor);
    assertEquals(1, recorder.outputAttempts(), "the write of the first line was tried");
    assertEquals(List.of(), recorder.lines(), "and refused");
    stdout.feed("second\n");
    stdout.end();
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(
        List.of("first", "second"), recorder.lines().stream().map(OutputLine::text).toList());
    assertEquals(List.of(1L, 2L), recorder.lines().stream().map(OutputLine::seq).toList());
  }

  @Test
  void aLaterAttemptNumbersItsLinesAfterTheEarlierAttemptsOnes() {
    launcher.willReturn(FakeProcess.exiting(0, "again\n", ""));

    superviseToEnd(
        supervisor(), run(List.of("/usr/bin/true"), null, Json.createObjectBuilder().build(), 7));

    assertEquals(List.of(8L), recorder.lines().stream().map(OutputLine::seq).toList());
  }

  @Test
  void linesAreNotLostWhenTheFinalFlushIsRefusedOnce() {
    recorder.failNextOutputs(1);
    launcher.willReturn(FakeProcess.exiting(0, "one\ntwo\n", ""));

    superviseToEnd(supervisor(), run());

    assertEquals(List.of("one", "two"), recorder.lines().stream().map(OutputLine::text).toList());
  }

  // --- output that does not end with the process --------------------------------------------

  @Test
  void aPipeHeldOpenAfterExitIsClosedAtOnceAndTheRunFinishes() throws Exception {
    FeedableStream stdout = new FeedableStream();
    FakeProcess process = new FakeProcess(9, stdout, FakeProcess.stream("err\n"));
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();

    CompletableFuture<Void> ended = supervisor.supervise(run());
    stdout.feed("before exit\n");
    supervisor.tick();
    stdout.feed("last words\nunfinished");
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertTrue(stdout.isClosed(), "the pipe is given back, whoever still holds its other end");
    assertEquals(
        List.of("before exit", "last words", "unfinished"),
        texts(recorder.lines(), OutputLine.STDOUT),
        "what the pipe held at the exit is read, without waiting for its end");
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
    assertTrue(texts(recorder.lines(), OutputLine.STDOUT).contains("before exit"));
    assertEquals(List.of("err"), texts(recorder.lines(), OutputLine.STDERR));
  }

  // --- where the end is taken up -----------------------------------------------------------

  @Test
  void theEndIsRecordedOnTheProcessesExecutorNotOnTheThreadThatReportsTheExit() {
    RunSupervisor supervisor = supervisorHandingOver();
    FakeProcess process = FakeProcess.running("out\n", "");
    launcher.willReturn(process);

    CompletableFuture<Void> ended = supervisor.supervise(run());
    process.exit(0);

    assertFalse(ended.isDone());
    assertEquals(List.of(), recorder.finished(), "nothing recorded on the reporting thread");
    assertEquals(1, handedOver.size());
    handedOver.get(0).run();
    assertTrue(ended.isDone());
    assertEquals(List.of("out"), texts(recorder.lines(), OutputLine.STDOUT));
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
  }

  @Test
  void whileOtherLaunchesWaitAStartIsRecordedAfterThem() {
    RunSupervisor supervisor = supervisorHandingOver();
    FakeProcess process = FakeProcess.running("", "");
    launcher.willReturn(process);
    RunLaunch run = run();

    CompletableFuture<Void> ended = supervisor.supervise(run, () -> true);

    assertEquals(List.of(), recorder.calls(), "the process runs, its start not yet written");
    assertTrue(supervisor.isLive(run.runId()), "a cancel finds it meanwhile");
    assertEquals(1, handedOver.size());
    clock.advance(Duration.ofMillis(300));
    handedOver.get(0).run();
    assertEquals(List.of("started"), recorder.calls());
    assertEquals(List.of(START), recorder.startedAts(), "started when launched, not when written");
    process.exit(0);
    handedOver.get(1).run();
    assertTrue(ended.isDone());
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
  }

  @Test
  void aProcessEndedBeforeItsStartWasRecordedIsConcludedOnTheCallersThread() {
    RunSupervisor supervisor = supervisorHandingOver();
    launcher.willReturn(FakeProcess.exiting(0, "quick\n", ""));

    superviseToEnd(supervisor, run());

    assertEquals(List.of(), handedOver, "no hand-over for a process already gone");
    assertEquals(List.of("quick"), texts(recorder.lines(), OutputLine.STDOUT));
    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
  }

  @Test
  void anExecutorThatRefusesTheEndDoesNotLoseIt() {
    RunSupervisor supervisor =
        new RunSupervisor(
            launcher,
            recorder,
            clock,
            task -> {
              throw new RejectedExecutionException("shut down");
            },
            settings());
    launcher.willReturn(FakeProcess.exiting(0, "", ""));

    superviseToEnd(supervisor, run());

    assertEquals(StateType.COMPLETED, recorder.onlyFinished().outcome().state().type());
    assertEquals(0, supervisor.liveCount());
  }

  // --- ends the runner asks for --------------------------------------------------------------

  @Test
  void aCancelledRunEndsCancelledAndItsProcessTreeIsKilled() throws Exception {
    FakeProcess process = FakeProcess.running("busy\n", "");
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();
    RunLaunch run = run();
    CompletableFuture<Void> ended = supervisor.supervise(run);
    supervisor.tick();

    assertTrue(supervisor.cancel(run.runId(), "operator said so"));

    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
    ProcessOutcome outcome = recorder.onlyFinished().outcome();
    assertEquals(StateType.CANCELLED, outcome.state().type());
    assertEquals("operator said so", outcome.state().message());
    assertEquals(143, outcome.exitCode());
    assertEquals(1, process.destroyCount(), "what the process left behind is killed");
    assertEquals(List.of("busy"), texts(recorder.lines(), OutputLine.STDOUT));
    assertFalse(supervisor.cancel(run.runId(), "again"), "nothing lives to cancel any more");
  }

  @Test
  void aRunWithoutAProcessHereCannotBeCancelled() {
    assertFalse(supervisor().cancel(UUID.randomUUID(), "nothing"));
  }

  @Test
  void liveRunsAreKnownUntilTheirEndIsRecorded() throws Exception {
    FakeProcess process = FakeProcess.running("", "");
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();
    RunLaunch run = run();

    CompletableFuture<Void> ended = supervisor.supervise(run);

    assertTrue(supervisor.isLive(run.runId()));
    assertEquals(Set.of(run.runId()), supervisor.liveRuns());
    process.exit(0);
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(supervisor.isLive(run.runId()));
    assertEquals(Set.of(), supervisor.liveRuns());
  }

  // --- node shutdown ------------------------------------------------------------------------

  @Test
  void stopAllKillsLiveProcessesAndHandsTheirRunsBackInsteadOfEndingThem() throws Exception {
    FakeProcess process = FakeProcess.running("busy\n", "");
    launcher.willReturn(process);
    RunSupervisor supervisor = supervisor();
    RunLaunch run = run();

    CompletableFuture<Void> ended = supervisor.supervise(run);
    supervisor.tick();
    supervisor.stopAll("node shutting down", Duration.ofSeconds(WAIT_SECONDS));
    ended.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertEquals(1, process.destroyCount());
    assertEquals(
        List.of(new Rescheduled(run.runId(), "node shutting down")), recorder.rescheduled());
    assertEquals(List.of(), recorder.finished());
    assertEquals(List.of("busy"), texts(recorder.lines(), OutputLine.STDOUT));
    assertEquals(0, supervisor.liveCount());
  }

  @Test
  void aRunArrivingAfterStopAllIsHandedBackWithoutLaunching() throws Exception {
    RunSupervisor supervisor = supervisor();
    supervisor.stopAll("node shutting down", Duration.ZERO);
    RunLaunch run = run();

    superviseToEnd(supervisor, run);

    assertEquals(0, launcher.launches().size());
    assertEquals(
        List.of(new Rescheduled(run.runId(), "node shutting down")), recorder.rescheduled());
  }

  // --- store errors -------------------------------------------------------------------------

  @Test
  void aStoreErrorWhenRecordingTheStartKillsTheProcess() {
    recorder.failStart(new IllegalStateException("database unavailable"));
    FakeProcess process = FakeProcess.running("", "");
    launcher.willReturn(process);

    try {
      superviseToEnd(supervisor(), run());
    } catch (RuntimeException e) {
      // Whether the error escapes is a separate question; the process must not survive it.
    }

    assertEquals(1, process.destroyCount());
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Waits until the recorder holds at least {@code count} lines. */
  private void awaitLines(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (recorder.lines().size() < count) {
      assertTrue(System.nanoTime() < deadline, "lines written: " + recorder.lines());
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static List<String> texts(List<OutputLine> lines, String stream) {
    return lines.stream().filter(l -> l.stream().equals(stream)).map(OutputLine::text).toList();
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  // --- fakes --------------------------------------------------------------------------------

  /** A process whose output is fixed up front and whose exit the test decides. */
  static final class FakeProcess implements LaunchedProcess {

    private final long pid;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CountDownLatch streamsClosed = new CountDownLatch(2);
    private final AtomicInteger destroyed = new AtomicInteger();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final Object lock = new Object();
    private Integer exitCode;

    FakeProcess(long pid, InputStream stdout, InputStream stderr) {
      this.pid = pid;
      this.stdout = new ClosingSignal(stdout, streamsClosed);
      this.stderr = new ClosingSignal(stderr, streamsClosed);
    }

    static FakeProcess running(String out, String err) {
      return new FakeProcess(1234, stream(out), stream(err));
    }

    static FakeProcess exiting(int code, String out, String err) {
      FakeProcess process = running(out, err);
      process.exit(code);
      return process;
    }

    static InputStream stream(String text) {
      return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Exits with {@code code} unless it has exited already; whoever waits hears it here. */
    void exit(int code) {
      synchronized (lock) {
        if (exitCode == null) {
          exitCode = code;
        }
      }
      exited.complete(null);
    }

    /** Both streams were closed: the supervisor gave the pipes back. */
    boolean outputClosed() {
      return streamsClosed.getCount() == 0;
    }

    int destroyCount() {
      return destroyed.get();
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public InputStream stdout() {
      return stdout;
    }

    @Override
    public InputStream stderr() {
      return stderr;
    }

    @Override
    public CompletableFuture<?> onExit() {
      return exited;
    }

    @Override
    public int exitCode() {
      synchronized (lock) {
        if (exitCode == null) {
          throw new IllegalStateException("process has not exited");
        }
        return exitCode;
      }
    }

    /** A process that honours SIGTERM: it exits as a process ended by it does. */
    @Override
    public void terminateTree() {
      exit(128 + 15);
    }

    @Override
    public void destroyTree() {
      destroyed.incrementAndGet();
      exit(128 + 9);
    }
  }

  /** Counts a latch down when the wrapped stream is closed (the reader closes it at its end). */
  static final class ClosingSignal extends InputStream {

    private final InputStream in;
    private final CountDownLatch closed;
    private boolean done;

    ClosingSignal(InputStream in, CountDownLatch closed) {
      this.in = in;
      this.closed = closed;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public synchronized void close() throws IOException {
      in.close();
      if (!done) {
        done = true;
        closed.countDown();
      }
    }
  }

  /**
   * A pipe the test writes to and that stays open until the test ends it, as one a background child
   * holds. Nobody may wait on it: a read of more than it holds fails the test, where a real pipe
   * would block the reader.
   */
  static final class FeedableStream extends InputStream {

    private final Object lock = new Object();
    private byte[] chunk = new byte[0];
    private int next;
    private boolean ended;
    private boolean closed;

    void feed(String text) {
      synchronized (lock) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[chunk.length - next + bytes.length];
        System.arraycopy(chunk, next, joined, 0, chunk.length - next);
        System.arraycopy(bytes, 0, joined, chunk.length - next, bytes.length);
        chunk = joined;
        next = 0;
      }
    }

    void end() {
      synchronized (lock) {
        ended = true;
      }
    }

    boolean isClosed() {
      synchronized (lock) {
        return closed;
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      synchronized (lock) {
        if (closed) {
          throw new IOException("Stream closed");
        }
        if (next >= chunk.length && ended) {
          return -1;
        }
        if (next >= chunk.length) {
          throw new AssertionError("a read of an empty pipe, which would block");
        }
        int n = Math.min(len, chunk.length - next);
        System.arraycopy(chunk, next, b, off, n);
        next += n;
        return n;
      }
    }

    @Override
    public int available() {
      synchronized (lock) {
        return chunk.length - next;
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        closed = true;
      }
    }
  }

  @FunctionalInterface
  interface Launch {
    LaunchedProcess start(LaunchSpec spec) throws IOException;
  }

  /** Records every launch and answers with what the test arranged. */
  static final class FakeLauncher implements ProcessLauncher {

    private final List<LaunchSpec> launches = new CopyOnWriteArrayList<>();
    private volatile Launch behaviour =
        spec -> {
          throw new AssertionError("the test arranged no launch");
        };

    void willReturn(LaunchedProcess process) {
      behaviour = spec -> process;
    }

    void willThrow(IOException error) {
      behaviour =
          spec -> {
            throw error;
          };
    }

    void onLaunch(Launch launch) {
      behaviour = launch;
    }

    List<LaunchSpec> launches() {
      return List.copyOf(launches);
    }

    LaunchSpec onlyLaunch() {
      assertEquals(1, launches.size(), "launches");
      return launches.get(0);
    }

    @Override
    public LaunchedProcess launch(LaunchSpec spec) throws IOException {
      launches.add(spec);
      return behaviour.start(spec);
    }
  }

  record Started(UUID runId, long pid) {}

  record Finished(UUID runId, ProcessOutcome outcome, String result) {}

  record Rescheduled(UUID runId, String reason) {}

  /** Records every call in order; can refuse the start or fail output writes. */
  static final class RecordingRecorder implements RunRecorder {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Started> started = new CopyOnWriteArrayList<>();
    private final List<java.time.Instant> startedAts = new CopyOnWriteArrayList<>();
    private final List<UUID> outputRuns = new CopyOnWriteArrayList<>();
    private final List<OutputLine> lines = new CopyOnWriteArrayList<>();
    private final List<Finished> finished = new CopyOnWriteArrayList<>();
    private final List<Rescheduled> rescheduled = new CopyOnWriteArrayList<>();
    private final AtomicInteger outputAttempts = new AtomicInteger();
    private final AtomicInteger outputFailuresLeft = new AtomicInteger();
    private volatile boolean mayStart = true;
    private volatile RuntimeException startError;

    void refuseStart() {
      mayStart = false;
    }

    void failStart(RuntimeException error) {
      startError = error;
    }

    void failNextOutputs(int count) {
      outputFailuresLeft.set(count);
    }

    @Override
    public boolean started(
        UUID runId, long pid, java.time.Instant processStart, java.time.Instant startedAt) {
      calls.add("started");
      started.add(new Started(runId, pid));
      startedAts.add(startedAt);
      if (startError != null) {
        throw startError;
      }
      return mayStart;
    }

    @Override
    public void output(UUID runId, int attempt, List<OutputLine> batch) {
      calls.add("output");
      outputAttempts.incrementAndGet();
      if (outputFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("store unavailable");
      }
      outputRuns.add(runId);
      lines.addAll(batch);
    }

    @Override
    public boolean finished(UUID runId, ProcessOutcome outcome, String result) {
      calls.add("finished");
      finished.add(new Finished(runId, outcome, result));
      return true;
    }

    @Override
    public void rescheduled(UUID runId, String reason) {
      calls.add("rescheduled");
      rescheduled.add(new Rescheduled(runId, reason));
    }

    List<String> calls() {
      return List.copyOf(calls);
    }

    List<java.time.Instant> startedAts() {
      return List.copyOf(startedAts);
    }

    List<Started> started() {
      return List.copyOf(started);
    }

    List<OutputLine> lines() {
      return List.copyOf(lines);
    }

    List<Finished> finished() {
      return List.copyOf(finished);
    }

    List<Rescheduled> rescheduled() {
      return List.copyOf(rescheduled);
    }

    Finished onlyFinished() {
      assertEquals(1, finished.size(), "finished calls: " + finished);
      return finished.get(0);
    }

    int outputAttempts() {
      return outputAttempts.get();
    }

    boolean allOutputFor(UUID runId) {
      return !outputRuns.isEmpty() && new ArrayList<>(outputRuns).stream().allMatch(runId::equals);
    }
  }
}
