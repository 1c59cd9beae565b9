package dev.runway.runner.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.processes.control.LaunchedProcess;
import dev.runway.processes.control.ProcessLauncher;
import dev.runway.processes.control.ProcessOutcome;
import dev.runway.processes.control.RunRecorder;
import dev.runway.processes.control.RunSupervisor;
import dev.runway.processes.control.SupervisorSettings;
import dev.runway.processes.entity.LaunchSpec;
import dev.runway.processes.entity.OutputLine;
import dev.runway.processes.entity.RunLaunch;
import dev.runway.testing.MutableClock;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final long WAIT_SECONDS = 5;

  @TempDir Path resultDirectory;

  private final MutableClock clock = new MutableClock(NOW);
  private final FakeRuns runs = new FakeRuns();
  private final FakeLauncher launcher = new FakeLauncher();
  private final FakeRecorder recorder = new FakeRecorder();
  private final SlotFreed slotFreed = new SlotFreed();
  private ExecutorService processes;
  private ScheduledExecutorService timers;
  private Slots slots;

  @BeforeEach
  void startExecutors() {
    processes = Executors.newCachedThreadPool();
    timers = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stopExecutors() throws InterruptedException {
    launcher.releaseAll();
    timers.shutdownNow();
    processes.shutdownNow();
    assertTrue(timers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(processes.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  private Dispatcher dispatcher(int limit) {
    return dispatcher(limit, processes, timers);
  }

  private Dispatcher dispatcher(
      int limit, Executor processExecutor, ScheduledExecutorService timerExecutor) {
    slots = new Slots(limit);
    SupervisorSettings settings =
        new SupervisorSettings(Map.of(), "http://api", resultDirectory, Duration.ofSeconds(2));
    RunSupervisor supervisor = new RunSupervisor(launcher, recorder, clock, processes, settings);
    return new Dispatcher(
        runs, slots, supervisor, processExecutor, timerExecutor, clock, slotFreed);
  }

  private static Executor rejecting(String message) {
    return task -> {
      throw new RejectedExecutionException(message);
    };
  }

  private static void awaitDone(Future<?> future) throws Exception {
    future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  // --- slots --------------------------------------------------------------------------------

  @Test
  @Timeout(10)
  void dispatchDueClaimsNoMoreRunsThanFreeSlotsAndAnEndedRunFreesItsSlot() throws Exception {
    Dispatcher dispatcher = dispatcher(2);
    for (int i = 0; i < 5; i++) {
      runs.add(NOW.minusSeconds(60 - i));
    }

    List<Future<?>> started = dispatcher.dispatchDue(Duration.ZERO);

    assertEquals(2, started.size());
    assertEquals(2, runs.claimed().size());
    launcher.awaitLaunches(2);
    assertEquals(0, slots.available());
    assertEquals(2, launcher.launchCount());
    assertEquals(Set.copyOf(runs.claimed()), Set.copyOf(launcher.launchedRunIds()));

    UUID first = runs.claimed().get(0);
    launcher.process(first).exit(0);
    awaitDone(started.get(0));
    slotFreed.await(1);

    assertEquals(1, slots.available());
    assertEquals(1, slotFreed.count());
    assertFalse(started.get(1).isDone(), "the other run's process still runs");
    assertEquals(List.of(first), recorder.finished());
  }

  @Test
  @Timeout(10)
  void neverMoreProcessesThanTheLimitWhenSeveralThreadsDispatchAtOnce() throws Exception {
    int limit = 3;
    int total = 12;
    Dispatcher dispatcher = dispatcher(limit);
    for (int i = 0; i < total; i++) {
      runs.add(NOW.minusSeconds(60));
    }
    List<Future<?>> runFutures = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pollers = Executors.newFixedThreadPool(4);
    List<Future<?>> polling = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        polling.add(
            pollers.submit(
                () -> {
                  while (!stop.get()) {
                    runFutures.addAll(dispatcher.dispatchDue(Duration.ZERO));
                    Thread.yield();
                  }
                }));
      }
      for (int released = 0; released < total; released++) {
        // With `released` processes ended, the pollers fill every free slot again.
        launcher.awaitLaunches(Math.min(released + limit, total));
        assertTrue(launcher.live() <= limit, "live processes: " + launcher.live());
        launcher.launched().get(released).exit(0);
      }
    } finally {
      stop.set(true);
      pollers.shutdown();
      assertTrue(pollers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    for (Future<?> poll : polling) {
      awaitDone(poll);
    }
    for (Future<?> run : runFutures) {
      awaitDone(run);
    }

    assertEquals(limit, launcher.maxLive(), "most processes alive at once");
    assertEquals(total, launcher.launchCount());
    assertEquals(total, Set.copyOf(launcher.launchedRunIds()).size(), "each run started once");
    assertEquals(total, runFutures.size());
    assertEquals(limit, slots.available());
    assertEquals(total, dispatcher.startedCount());
  }

  // --- claims -------------------------------------------------------------------------------

  @Test
  @Timeout(10)
  void theDueRunsOfOnePollAreClaimedTogether() throws Exception {
    Dispatcher dispatcher = dispatcher(3);
    List<UUID> due =
        List.of(
            runs.add(NOW.minusSeconds(3)),
            runs.add(NOW.minusSeconds(2)),
            runs.add(NOW.minusSeconds(1)),
            runs.add(NOW));

    assertEquals(3, dispatcher.dispatchDue(Duration.ZERO).size());

    launcher.awaitLaunches(3);
    assertEquals(due.subList(0, 3), runs.claimed(), "the longest-waiting, one per slot");
    assertEquals(1, runs.batches(), "in one claim");
    assertEquals(0, slots.available());
  }

  @Test
  @Timeout(10)
  void aClaimThatFailsReleasesItsSlotAndTheOtherDueRunsAreStillDispatched() throws Exception {
    Dispatcher dispatcher = dispatcher(3);
    UUID broken = runs.add(NOW.minusSeconds(30));
    UUID second = runs.add(NOW.minusSeconds(20));
    UUID third = runs.add(NOW.minusSeconds(10));
    runs.failClaim(broken, new IllegalStateException("database unavailable"));

    List<Future<?>> started = dispatcher.dispatchDue(Duration.ZERO);

    assertEquals(2, started.size());
    launcher.awaitLaunches(2);
    assertEquals(Set.of(second, third), Set.copyOf(launcher.launchedRunIds()));
    assertEquals(1, slots.available(), "the failed claim's slot is free again");
    assertEquals(2, runs.claimAttempts(broken), "in the failed batch, then on its own");
    assertEquals(List.of(), runs.handBacks(), "an unclaimed run is not handed back");
  }

  @Test
  @Timeout(10)
  void runsAnotherNodeWonArePassedOverAndTheNextOnesFillTheSlotsInTheSamePoll() throws Exception {
    Dispatcher dispatcher = dispatcher(2);
    List<UUID> won = List.of(runs.add(NOW.minusSeconds(40)), runs.add(NOW.minusSeconds(30)));
    UUID third = runs.add(NOW.minusSeconds(20));
    UUID fourth = runs.add(NOW.minusSeconds(10));
    won.forEach(runs::lose);

    List<Future<?>> started = dispatcher.dispatchDue(Duration.ZERO);

    assertEquals(2, started.size());
    launcher.awaitLaunches(2);
    assertEquals(Set.of(third, fourth), Set.copyOf(launcher.launchedRunIds()));
  }

  @Test
  @Timeout(10)
  void aLostClaimReleasesItsSlotAndStartsNothing() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    UUID lost = runs.add(NOW.minusSeconds(10));
    UUID other = runs.add(NOW.minusSeconds(5));
    runs.lose(lost);

    Optional<Future<?>> result = dispatcher.dispatch(lost, false);

    assertTrue(result.isEmpty());
    assertEquals(1, slots.available());
    assertEquals(1, runs.claimAttempts(lost));
    assertEquals(0, launcher.launchCount());
    assertEquals(List.of(), runs.handBacks());

    Optional<Future<?>> next = dispatcher.dispatch(other, false);
    assertTrue(next.isPresent(), "the only slot can be taken by the next run");
    launcher.awaitLaunches(1);
    assertEquals(List.of(other), launcher.launchedRunIds());
  }

  @Test
  @Timeout(10)
  void aRunClaimedTwiceIsStartedOnlyOnce() throws Exception {
    Dispatcher dispatcher = dispatcher(2);
    UUID run = runs.add(NOW.minusSeconds(10));

    Optional<Future<?>> first = dispatcher.dispatch(run, false);
    Optional<Future<?>> second = dispatcher.dispatch(run, false);

    assertTrue(first.isPresent());
    assertTrue(second.isEmpty());
    launcher.awaitLaunches(1);
    assertEquals(1, slots.available(), "only the won claim holds a slot");
  }

  // --- runs that cannot be started ----------------------------------------------------------

  @Test
  @Timeout(10)
  void aRejectedStartHandsTheRunBackAndFreesItsSlot() {
    Dispatcher dispatcher = dispatcher(1, rejecting("process pool is shut down"), timers);
    UUID run = runs.add(NOW.minusSeconds(10));

    Optional<Future<?>> result = dispatcher.dispatch(run, true);

    assertTrue(result.isEmpty());
    List<HandBack> handBacks = runs.handBacks();
    assertEquals(1, handBacks.size(), handBacks.toString());
    assertEquals(run, handBacks.get(0).runId());
    assertTrue(
        handBacks.get(0).reason().contains("process pool is shut down"), handBacks.get(0).reason());
    assertEquals(1, slots.available());
    assertEquals(1, slotFreed.count());
    assertEquals(0, launcher.launchCount());
    assertEquals(0, dispatcher.startedCount());
  }

  @Test
  @Timeout(10)
  void aRejectedDispatchDueLeavesNoFutureAndEverySlotFree() {
    Dispatcher dispatcher = dispatcher(2, rejecting("saturated"), timers);
    UUID a = runs.add(NOW.minusSeconds(20));
    UUID b = runs.add(NOW.minusSeconds(10));

    List<Future<?>> started = dispatcher.dispatchDue(Duration.ZERO);

    assertEquals(List.of(), started);
    assertEquals(List.of(a, b), runs.handBacks().stream().map(HandBack::runId).toList());
    assertEquals(2, slots.available());
    assertEquals(2, slotFreed.count());
  }

  @Test
  @Timeout(10)
  void aStartRejectedAtTheExpectedStartHandsTheRunBackAndCompletesItsFuture() throws Exception {
    Dispatcher dispatcher = dispatcher(1, rejecting("process pool is shut down"), timers);
    UUID run = runs.add(NOW.plusMillis(50));

    Optional<Future<?>> result = dispatcher.dispatch(run, false);

    assertTrue(result.isPresent(), "the start is only scheduled yet");
    awaitDone(result.get());
    slotFreed.await(1);
    assertEquals(List.of(run), runs.handBacks().stream().map(HandBack::runId).toList());
    assertTrue(runs.handBacks().get(0).reason().contains("process pool is shut down"));
    assertEquals(1, slots.available());
    assertEquals(0, launcher.launchCount());
  }

  @Test
  @Timeout(10)
  void aTimerThatRejectsTheDelayedStartHandsTheRunBack() {
    ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
    stopped.shutdown();
    Dispatcher dispatcher = dispatcher(1, processes, stopped);
    UUID run = runs.add(NOW.plusSeconds(60));

    Optional<Future<?>> result = dispatcher.dispatch(run, false);

    assertTrue(result.isEmpty());
    assertEquals(List.of(run), runs.handBacks().stream().map(HandBack::runId).toList());
    assertEquals(1, slots.available());
    assertEquals(1, slotFreed.count());
  }

  @Test
  @Timeout(10)
  void aFailingHandBackDoesNotEscapeAndStillFreesTheSlot() {
    Dispatcher dispatcher = dispatcher(1, rejecting("process pool is shut down"), timers);
    UUID run = runs.add(NOW.minusSeconds(10));
    runs.failHandBack(new IllegalStateException("database unavailable"));

    Optional<Future<?>> result = assertDoesNotThrow(() -> dispatcher.dispatch(run, true));

    assertTrue(result.isEmpty());
    assertEquals(1, runs.handBacks().size(), "the hand-back was attempted");
    assertEquals(1, slots.available());
    assertEquals(1, slotFreed.count());
  }

  // --- when a run starts --------------------------------------------------------------------

  @Test
  @Timeout(10)
  void aRunDueLaterDoesNotStartBeforeItsExpectedStart() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    UUID run = runs.add(NOW.plusMillis(300));
    long before = System.nanoTime();

    Optional<Future<?>> result = dispatcher.dispatch(run, false);

    assertEquals(0, launcher.launchCount(), "launched before its expected start");
    assertTrue(result.isPresent());
    assertEquals(0, slots.available(), "the slot is held while the run waits");
    launcher.awaitLaunches(1);
    long waited = launcher.launched().get(0).launchedAtNanos() - before;
    assertTrue(
        waited >= TimeUnit.MILLISECONDS.toNanos(300),
        "launched after " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
    assertEquals(List.of(run), launcher.launchedRunIds());
  }

  @Test
  @Timeout(10)
  void runsDueAtOneInstantAreLaunchedTogetherByTheFirstTimerThatFires() throws Exception {
    AtomicInteger timerTasksRun = new AtomicInteger();
    ScheduledThreadPoolExecutor counting =
        new ScheduledThreadPoolExecutor(1) {
          @Override
          protected void beforeExecute(Thread worker, Runnable task) {
            timerTasksRun.incrementAndGet(); // counted before the task launches anything
          }
        };
    counting.setRemoveOnCancelPolicy(true);
    try {
      Dispatcher dispatcher = dispatcher(3, processes, counting);
      Instant instant = NOW.plusMillis(200);
      List<UUID> due = List.of(runs.add(instant), runs.add(instant), runs.add(instant));

      assertEquals(3, dispatcher.dispatchDue(Duration.ofSeconds(10)).size());
      clock.set(instant); // when the first timer fires, all three are due

      launcher.awaitLaunches(3);
      assertEquals(Set.copyOf(due), Set.copyOf(launcher.launchedRunIds()));
      assertEquals(1, timerTasksRun.get(), "one timer launched all three");
      assertEquals(Set.of(), dispatcher.waitingRuns());
    } finally {
      counting.shutdownNow();
    }
  }

  @Test
  @Timeout(10)
  void aRunWaitingForItsStartIsHandedBackWithItsExpectedStartWhenTheNodeGoes() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    Instant expected = NOW.plus(Duration.ofMinutes(5));
    UUID run = runs.add(expected);
    Future<?> waitingRun = dispatcher.dispatch(run, false).orElseThrow();

    dispatcher.handBackWaiting("node going away");

    assertEquals(List.of(new HandBack(run, "node going away", expected)), runs.handBacks());
    awaitDone(waitingRun);
    assertEquals(1, slots.available(), "its slot is free again");
    assertEquals(0, launcher.launchCount(), "it never starts here");
  }

  @Test
  @Timeout(10)
  void aRunClaimedAfterTheHandBackBeganIsHandedBackTooAndNeverStarts() throws Exception {
    Dispatcher dispatcher = dispatcher(2);
    UUID soon = runs.add(NOW.minusSeconds(1));
    UUID later = runs.add(NOW.plusSeconds(60));
    dispatcher.handBackWaiting("node going away");

    Optional<Future<?>> a = dispatcher.dispatch(soon, false);
    Optional<Future<?>> b = dispatcher.dispatch(later, false);

    assertTrue(a.isEmpty() && b.isEmpty());
    assertEquals(List.of(soon, later), runs.handBacks().stream().map(HandBack::runId).toList());
    assertEquals(2, slots.available());
    assertEquals(0, launcher.launchCount());
  }

  @Test
  @Timeout(10)
  void aRunDispatchedNowStartsAtOnceWhateverItsExpectedStart() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    UUID run = runs.add(NOW.plus(Duration.ofHours(1)));

    Optional<Future<?>> result = dispatcher.dispatch(run, true);

    assertTrue(result.isPresent());
    launcher.awaitLaunches(1);
    assertEquals(List.of(run), launcher.launchedRunIds());
  }

  @Test
  @Timeout(10)
  void aRunWhoseExpectedStartHasPassedStartsAtOnce() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    UUID run = runs.add(NOW.minus(Duration.ofMinutes(5)));

    Optional<Future<?>> result = dispatcher.dispatch(run, false);

    assertTrue(result.isPresent());
    launcher.awaitLaunches(1);
    launcher.process(run).exit(0);
    awaitDone(result.get());
    assertEquals(List.of(run), recorder.finished());
  }

  // --- supervision --------------------------------------------------------------------------

  @Test
  @Timeout(10)
  void aLauncherFailureEndsTheRunAndFreesTheSlot() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    UUID run = runs.add(NOW.minusSeconds(10));
    launcher.failWith(new IllegalStateException("launcher broke"));

    Optional<Future<?>> result = dispatcher.dispatch(run, true);

    assertTrue(result.isPresent());
    awaitDone(result.get());
    slotFreed.await(1);
    assertEquals(1, slots.available());
    assertEquals(1, slotFreed.count());
    assertEquals(1, launcher.attempts());
    assertEquals(1, dispatcher.startedCount(), "the attempt counts as started");
    assertEquals(List.of(run), recorder.finished(), "the run ends (CRASHED), not left PENDING");
    assertEquals(List.of(), runs.handBacks());
  }

  @Test
  @Timeout(10)
  void startedCountCountsTheProcessesThisDispatcherStarted() throws Exception {
    Dispatcher dispatcher = dispatcher(2);
    UUID a = runs.add(NOW.minusSeconds(30));
    UUID b = runs.add(NOW.minusSeconds(20));
    UUID c = runs.add(NOW.minusSeconds(10));
    UUID lost = runs.add(NOW.minusSeconds(5));
    runs.lose(lost);
    assertEquals(0, dispatcher.startedCount());

    List<Future<?>> firstTwo = dispatcher.dispatchDue(Duration.ZERO);
    launcher.awaitLaunches(2);
    assertEquals(2, dispatcher.startedCount());

    launcher.process(a).exit(0);
    launcher.process(b).exit(1);
    for (Future<?> run : firstTwo) {
      awaitDone(run);
    }
    assertEquals(2, dispatcher.startedCount(), "ended runs stay counted");

    assertTrue(dispatcher.dispatch(lost, true).isEmpty());
    UUID later = runs.add(NOW.plus(Duration.ofHours(1)));
    assertTrue(dispatcher.dispatch(later, false).isPresent());
    assertEquals(2, dispatcher.startedCount(), "lost and not yet started runs do not count");

    Future<?> third = dispatcher.dispatch(c, true).orElseThrow();
    launcher.awaitLaunches(3);
    launcher.process(c).exit(0);
    awaitDone(third);
    assertEquals(3, dispatcher.startedCount());
  }

  // --- bundles ------------------------------------------------------------------------------

  @Test
  @Timeout(10)
  void aNewRunTakesASlotAndStartsAtOnce() throws Exception {
    Dispatcher dispatcher = dispatcher(1);
    UUID bundle = UUID.randomUUID();

    Future<?> run =
        dispatcher
            .dispatchNew(() -> new ClaimableRuns.Claim(FakeRuns.launch(bundle), NOW))
            .orElseThrow();

    launcher.awaitLaunches(1);
    assertEquals(List.of(bundle), launcher.launchedRunIds());
    assertEquals(0, slots.available());
    launcher.process(bundle).exit(0);
    awaitDone(run);
    assertEquals(1, slots.available());
  }

  @Test
  void withoutAFreeSlotANewRunIsNotEvenCreated() {
    Dispatcher dispatcher = dispatcher(1);
    assertTrue(slots.tryAcquire());
    AtomicBoolean created = new AtomicBoolean();

    Optional<Future<?>> run =
        dispatcher.dispatchNew(
            () -> {
              created.set(true);
              return new ClaimableRuns.Claim(FakeRuns.launch(UUID.randomUUID()), NOW);
            });

    assertTrue(run.isEmpty());
    assertFalse(created.get(), "no slot, no run");
  }

  @Test
  void aNewRunThatCannotBeCreatedFreesItsSlotAndTellsTheCaller() {
    Dispatcher dispatcher = dispatcher(1);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                dispatcher.dispatchNew(
                    () -> {
                      throw new IllegalStateException("store away");
                    }));

    assertEquals("store away", e.getMessage());
    assertEquals(1, slots.available());
  }

  // --- fakes --------------------------------------------------------------------------------

  record HandBack(UUID runId, String reason, Instant expectedStart) {}

  /** Due runs with their expected starts; each can be won once, lost, or fail to be claimed. */
  static final class FakeRuns implements ClaimableRuns {

    private final Map<UUID, Instant> due = new LinkedHashMap<>();
    private final List<UUID> claimed = new ArrayList<>();
    private final Set<UUID> lost = new HashSet<>();
    private final Map<UUID, RuntimeException> claimFailures = new HashMap<>();
    private final Map<UUID, Integer> claimAttempts = new HashMap<>();
    private final List<HandBack> handBacks = new CopyOnWriteArrayList<>();
    private volatile RuntimeException handBackFailure;
    private int batches;

    synchronized UUID add(Instant expectedStart) {
      UUID id = UUID.randomUUID();
      due.put(id, expectedStart);
      return id;
    }

    synchronized void lose(UUID runId) {
      lost.add(runId);
    }

    synchronized void failClaim(UUID runId, RuntimeException error) {
      claimFailures.put(runId, error);
    }

    void failHandBack(RuntimeException error) {
      handBackFailure = error;
    }

    synchronized List<UUID> claimed() {
      return List.copyOf(claimed);
    }

    synchronized int batches() {
      return batches;
    }

    synchronized int claimAttempts(UUID runId) {
      return claimAttempts.getOrDefault(runId, 0);
    }

    List<HandBack> handBacks() {
      return List.copyOf(handBacks);
    }

    @Override
    public synchronized List<UUID> due(Instant horizon, int max) {
      return due.entrySet().stream()
          .filter(e -> !e.getValue().isAfter(horizon))
          .map(Map.Entry::getKey)
          .filter(id -> !claimed.contains(id))
          .limit(max)
          .toList();
    }

    /** Like the store's: the due runs in order, lost ones passed over, any failure fails all. */
    @Override
    public synchronized List<Claim> claimDue(Instant horizon, int max) {
      batches++;
      List<Claim> claims = new ArrayList<>();
      for (UUID runId : due(horizon, Integer.MAX_VALUE)) {
        if (claims.size() == max) {
          break;
        }
        claimAttempts.merge(runId, 1, Integer::sum);
        RuntimeException failure = claimFailures.get(runId);
        if (failure != null) {
          claimed.removeAll(claims.stream().map(c -> c.launch().runId()).toList());
          throw failure;
        }
        if (!lost.contains(runId)) {
          claimed.add(runId);
          claims.add(new Claim(launch(runId), due.get(runId)));
        }
      }
      return claims;
    }

    @Override
    public synchronized Optional<Claim> claim(UUID runId) {
      claimAttempts.merge(runId, 1, Integer::sum);
      RuntimeException failure = claimFailures.get(runId);
      if (failure != null) {
        throw failure;
      }
      Instant expectedStart = due.get(runId);
      if (expectedStart == null || lost.contains(runId) || claimed.contains(runId)) {
        return Optional.empty();
      }
      claimed.add(runId);
      return Optional.of(new Claim(launch(runId), expectedStart));
    }

    @Override
    public void handBack(UUID runId, String reason, Instant expectedStart) {
      handBacks.add(new HandBack(runId, reason, expectedStart));
      RuntimeException failure = handBackFailure;
      if (failure != null) {
        throw failure;
      }
    }

    private static RunLaunch launch(UUID runId) {
      return new RunLaunch(
          runId,
          "run-" + runId,
          UUID.randomUUID(),
          "nightly",
          "etl",
          List.of("/usr/bin/true"),
          null,
          Map.of(),
          JsonValue.EMPTY_JSON_OBJECT,
          1,
          0,
          "token",
          null);
    }
  }

  /** A process without output that runs until the test lets it exit. */
  static final class FakeProcess implements LaunchedProcess {

    private final UUID runId;
    private final long pid;
    private final long launchedAtNanos;
    private final AtomicInteger live;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final InputStream stdout = new ByteArrayInputStream(new byte[0]);
    private final InputStream stderr = new ByteArrayInputStream(new byte[0]);
    private volatile int exitCode;

    FakeProcess(UUID runId, long pid, AtomicInteger live) {
      this.runId = runId;
      this.pid = pid;
      this.live = live;
      this.launchedAtNanos = System.nanoTime();
    }

    UUID runId() {
      return runId;
    }

    long launchedAtNanos() {
      return launchedAtNanos;
    }

    void exit(int code) {
      if (ended.compareAndSet(false, true)) {
        exitCode = code;
        live.decrementAndGet();
        exited.complete(null);
      }
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
      return exitCode;
    }

    @Override
    public void destroyTree() {
      exit(137);
    }
  }

  /** Launches fake processes, counting how many are alive at once; or fails as told. */
  static final class FakeLauncher implements ProcessLauncher {

    private final List<FakeProcess> launched = new ArrayList<>();
    private final Map<UUID, FakeProcess> byRun = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger maxLive = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicLong pids = new AtomicLong(1000);
    private volatile RuntimeException failure;

    void failWith(RuntimeException error) {
      failure = error;
    }

    @Override
    public LaunchedProcess launch(LaunchSpec spec) {
      attempts.incrementAndGet();
      RuntimeException error = failure;
      if (error != null) {
        throw error;
      }
      UUID runId = UUID.fromString(spec.environment().get("RUNWAY_FLOW_RUN_ID"));
      maxLive.accumulateAndGet(live.incrementAndGet(), Math::max);
      FakeProcess process = new FakeProcess(runId, pids.incrementAndGet(), live);
      synchronized (this) {
        launched.add(process);
        byRun.put(runId, process);
        notifyAll();
      }
      return process;
    }

    synchronized void awaitLaunches(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (launched.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + count + " launches within " + WAIT_SECONDS + "s, got " + launched);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    synchronized List<FakeProcess> launched() {
      return List.copyOf(launched);
    }

    synchronized List<UUID> launchedRunIds() {
      return launched.stream().map(FakeProcess::runId).toList();
    }

    synchronized int launchCount() {
      return launched.size();
    }

    FakeProcess process(UUID runId) {
      FakeProcess process = byRun.get(runId);
      if (process == null) {
        throw new AssertionError("run " + runId + " was not launched");
      }
      return process;
    }

    int live() {
      return live.get();
    }

    int maxLive() {
      return maxLive.get();
    }

    int attempts() {
      return attempts.get();
    }

    void releaseAll() {
      launched().forEach(process -> process.exit(0));
    }
  }

  /** Records the ends of runs; the store never fails. */
  static final class FakeRecorder implements RunRecorder {

    private final List<UUID> finished = new CopyOnWriteArrayList<>();

    @Override
    public boolean started(
        UUID runId, long pid, java.time.Instant processStart, java.time.Instant startedAt) {
      return true;
    }

    @Override
    public void output(UUID runId, int attempt, List<OutputLine> lines) {}

    @Override
    public boolean finished(UUID runId, ProcessOutcome outcome, String result) {
      finished.add(runId);
      return true;
    }

    @Override
    public void rescheduled(UUID runId, String reason) {}

    List<UUID> finished() {
      return List.copyOf(finished);
    }
  }

  /** Counts the slot-freed notifications and lets the test wait for them. */
  static final class SlotFreed implements Runnable {

    private int count;

    @Override
    public synchronized void run() {
      count++;
      notifyAll();
    }

    synchronized int count() {
      return count;
    }

    synchronized void await(int atLeast) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (count < atLeast) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("slotFreed ran " + count + " times, expected " + atLeast);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
