package dev.runway.runner.control;

import dev.runway.processes.control.RunSupervisor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns due runs into supervised processes within this node's slots. A slot is taken before the
 * claim and given back when the run's end is recorded, or at once when the claim is lost or
 * anything between claim and start fails; such a run is handed back to be claimed again. No failure
 * of one run stops the others.
 */
public class Dispatcher {

  private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
  private static final int MAX_ROUNDS = 8;
  private static final int CANDIDATES_PER_SLOT = 4;
  private static final int MAX_BATCH = 64;

  private final ClaimableRuns runs;
  private final Slots slots;
  private final RunSupervisor supervisor;
  private final Executor processes;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final Runnable slotFreed;
  private final AtomicLong started = new AtomicLong();
  private final AtomicInteger queuedLaunches = new AtomicInteger();
  private final Map<UUID, Waiting> waiting = new ConcurrentHashMap<>();
  private volatile String closing;

  /** A claimed run whose start timer has not fired yet. */
  private record Waiting(
      ClaimableRuns.Claim claim, CompletableFuture<Void> done, ScheduledFuture<?> timer) {}

  public Dispatcher(
      ClaimableRuns runs,
      Slots slots,
      RunSupervisor supervisor,
      Executor processes,
      ScheduledExecutorService timers,
      Clock clock,
      Runnable slotFreed) {
    this.runs = runs;
    this.slots = slots;
    this.supervisor = supervisor;
    this.processes = processes;
    this.timers = timers;
    this.clock = clock;
    this.slotFreed = slotFreed;
  }

  /**
   * Claims runs due within {@code prefetch}, one per free slot, in batches of one transaction each;
   * the futures of those started. Should a batch fail, the runs are claimed one at a time instead,
   * so that a run whose claim fails does not keep the others from starting.
   */
  public List<Future<?>> dispatchDue(Duration prefetch) {
    List<Future<?>> started = new ArrayList<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      int taken = takeSlots();
      LOG.log(Level.DEBUG, "Polling: {0} free slots", taken);
      if (taken == 0) {
        break;
      }
      List<ClaimableRuns.Claim> claims;
      try {
        claims = runs.claimDue(clock.instant().plus(prefetch), taken);
      } catch (RuntimeException e) {
        releaseSlots(taken);
        LOG.log(
            Level.WARNING, "Claiming due runs together failed; one at a time: {0}", e.toString());
        started.addAll(dispatchDueOneByOne(prefetch));
        break;
      }
      releaseSlots(taken - claims.size());
      claims.forEach(claim -> start(claim, false).ifPresent(started::add));
      if (claims.size() < taken) {
        break;
      }
    }
    return started;
  }

  /** Takes every free slot, at most a batch's worth; how many. */
  private int takeSlots() {
    int taken = 0;
    while (taken < MAX_BATCH && slots.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  private void releaseSlots(int count) {
    for (int i = 0; i < count; i++) {
      slots.release();
    }
  }

  /**
   * Claims due runs one per transaction. Runs that another node claimed first are passed over and
   * the next ones tried, so that a node that loses a race for the oldest runs still fills its
   * slots.
   */
  private List<Future<?>> dispatchDueOneByOne(Duration prefetch) {
    List<Future<?>> started = new ArrayList<>();
    Set<UUID> tried = new HashSet<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      int free = slots.available();
      if (free == 0) {
        break;
      }
      List<UUID> due = runs.due(clock.instant().plus(prefetch), free * CANDIDATES_PER_SLOT);
      boolean missed = false;
      boolean triedNew = false;
      for (UUID id : due) {
        if (slots.available() == 0) {
          break;
        }
        if (!tried.add(id)) {
          continue;
        }
        triedNew = true;
        Optional<Future<?>> run = dispatch(id, false);
        run.ifPresent(started::add);
        missed |= run.isEmpty();
      }
      if (!missed || !triedNew) {
        break;
      }
    }
    return started;
  }

  /**
   * Claims the run and starts it at its expected start, or at once when {@code now}. Empty when no
   * slot is free, another node won it, or it could not be started.
   */
  public Optional<Future<?>> dispatch(UUID runId, boolean now) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    Optional<ClaimableRuns.Claim> claim;
    try {
      claim = runs.claim(runId);
    } catch (RuntimeException e) {
      slots.release();
      LOG.log(Level.WARNING, "Claiming run {0} failed; it stays due: {1}", runId, e.toString());
      return Optional.empty();
    }
    if (claim.isEmpty()) {
      slots.release();
      return Optional.empty();
    }
    return start(claim.get(), now);
  }

  /**
   * Takes a slot, makes the run {@code created} (already claimed by this node) and starts it at
   * once: a bundle's run. Empty when no slot is free, whoever took the last one; the run is then
   * not created. A failure to create it frees the slot and reaches the caller.
   */
  public Optional<Future<?>> dispatchNew(Supplier<ClaimableRuns.Claim> created) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    ClaimableRuns.Claim claim;
    try {
      claim = created.get();
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    return start(claim, true);
  }

  /** Processes this node started since it booted. */
  public long startedCount() {
    return started.get();
  }

  /**
   * Hands back the runs claimed for a start that has not come yet, keeping their expected start,
   * and frees their slots: this node is going away and must not take them along.
   */
  public void handBackWaiting(String reason) {
    closing = reason;
    LOG.log(Level.INFO, "Handing back {0} runs waiting for their start", waiting.size());
    waiting.forEach(
        (runId, start) -> {
          if (!start.timer().cancel(false)) {
            LOG.log(Level.WARNING, "Run {0}: its start timer could not be cancelled", runId);
          } else if (waiting.remove(runId) != null) {
            LOG.log(Level.INFO, "Run {0} was waiting for its start; handed back", runId);
            handBack(start.claim(), reason);
            release(start.done());
          }
        });
  }

  /**
   * Forgets a claimed run still waiting for its start because it was cancelled meanwhile: its timer
   * is stopped and its slot freed. False when it was not waiting (or its timer already fired).
   */
  public boolean dropWaiting(UUID runId) {
    Waiting start = waiting.get(runId);
    if (start == null || !start.timer().cancel(false) || waiting.remove(runId) == null) {
      return false;
    }
    LOG.log(Level.INFO, "Run {0} was cancelled while waiting for its start", runId);
    release(start.done());
    return true;
  }

  /** The runs claimed here and waiting for their start. */
  public Set<UUID> waitingRuns() {
    return Set.copyOf(waiting.keySet());
  }

  private Optional<Future<?>> start(ClaimableRuns.Claim claim, boolean now) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing != null) {
      handBack(claim, closing);
      release(done);
      return Optional.empty();
    }
    try {
      Duration wait =
          now ? Duration.ZERO : Duration.between(clock.instant(), claim.expectedStart());
      if (wait.isNegative() || wait.isZero()) {
        launch(claim, done);
      } else {
        UUID runId = claim.launch().runId();
        ScheduledFuture<?> timer =
            timers.schedule(() -> startLater(claim, done), wait.toMillis(), TimeUnit.MILLISECONDS);
        waiting.put(runId, new Waiting(claim, done, timer));
        if (closing != null && waiting.remove(runId) != null) {
          // handBackWaiting ran meanwhile and may not have seen this run: hand it back here.
          timer.cancel(false);
          handBack(claim, closing);
          release(done);
          return Optional.empty();
        }
      }
      return Optional.of(done);
    } catch (RuntimeException e) {
      giveUp(claim, done, e);
      return Optional.empty();
    }
  }

  /**
   * The run's start timer has fired: it is launched, and so are the waiting runs due by now whose
   * timers have not fired yet. Runs due at one instant are thus queued together from one thread,
   * not one by one as the timer threads get to them, and a burst launches at the pace of the
   * process threads.
   */
  private void startLater(ClaimableRuns.Claim claim, CompletableFuture<Void> done) {
    waiting.remove(claim.launch().runId());
    launchOrGiveUp(claim, done);
    Instant now = clock.instant();
    waiting.forEach(
        (runId, start) -> {
          if (!start.claim().expectedStart().isAfter(now)
              && start.timer().cancel(false)
              && waiting.remove(runId) != null) {
            launchOrGiveUp(start.claim(), start.done());
          }
        });
  }

  private void launchOrGiveUp(ClaimableRuns.Claim claim, CompletableFuture<Void> done) {
    try {
      launch(claim, done);
    } catch (RuntimeException e) {
      giveUp(claim, done, e);
    }
  }

  /** Queues the run's launch on the processes executor; counted until it begins. */
  private void launch(ClaimableRuns.Claim claim, CompletableFuture<Void> done) {
    queuedLaunches.incrementAndGet();
    try {
      processes.execute(() -> supervise(claim, done));
    } catch (RuntimeException e) {
      queuedLaunches.decrementAndGet();
      throw e;
    }
  }

  /** Starts the run's process; its slot is freed when the supervisor says the run has ended. */
  private void supervise(ClaimableRuns.Claim claim, CompletableFuture<Void> done) {
    queuedLaunches.decrementAndGet();
    started.incrementAndGet();
    try {
      supervisor
          .supervise(claim.launch(), () -> queuedLaunches.get() > 0)
          .whenComplete((ended, error) -> release(done));
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Run "
              + claim.launch().runId()
              + " could not be supervised to its "
              + "end; it keeps its last recorded state",
          e);
      release(done);
    }
  }

  /** Nothing took the claimed run over: free its slot and hand it back to be claimed again. */
  private void giveUp(ClaimableRuns.Claim claim, CompletableFuture<Void> done, RuntimeException e) {
    LOG.log(
        Level.WARNING,
        "Run {0} claimed but not started, handed back: {1}",
        claim.launch().runId(),
        e.toString());
    handBack(claim, "the node could not start it: " + e.getMessage());
    release(done);
  }

  private void handBack(ClaimableRuns.Claim claim, String reason) {
    UUID runId = claim.launch().runId();
    try {
      runs.handBack(runId, reason, claim.expectedStart());
    } catch (RuntimeException again) {
      LOG.log(Level.ERROR, "Run " + runId + " could not be handed back; it stays PENDING", again);
    }
  }

  private void release(CompletableFuture<Void> done) {
    slots.release();
    done.complete(null);
    slotFreed.run();
  }
}
