package dev.runway.flowruns.control;

import dev.runway.deployments.entity.DeploymentChanged;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.RunFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The totals of {@code GET /flow-runs} ({@code X-Total-Count}), each counted at most once a second
 * per filter while no run changes: counting is a scan of every matching run, which a console that
 * polls a page of a large store would otherwise pay on every request. A change this node makes to
 * any run (a state change, a run made or deleted, a deployment changed or deleted) makes every
 * total count again at once; a change made on another node shows within {@link #FRESH}.
 */
@ApplicationScoped
public class RunTotals {

  /** How long a total stays in use while this node sees no change to the runs. */
  static final Duration FRESH = Duration.ofSeconds(1);

  private static final int MAX_FILTERS = 256;

  private final LongSupplier nanoTime;
  private final AtomicLong changes = new AtomicLong();
  private final Map<RunFilter, Total> totals = new ConcurrentHashMap<>();

  public RunTotals() {
    this(System::nanoTime);
  }

  RunTotals(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** A total, with the count of changes seen before it was counted and when it was counted. */
  private record Total(long value, long changesBefore, long countedAtNanos) {}

  /** The filter's total: the one counted last, if still fresh, else {@code count}'s. */
  public long total(RunFilter filter, LongSupplier count) {
    long now = nanoTime.getAsLong();
    long seen = changes.get();
    Total total = totals.get(filter);
    if (total != null
        && total.changesBefore() == seen
        && now - total.countedAtNanos() < FRESH.toNanos()) {
      return total.value();
    }
    long value = count.getAsLong();
    if (totals.size() >= MAX_FILTERS) {
      totals.clear();
    }
    totals.put(filter, new Total(value, seen, now));
    return value;
  }

  /** Runs were made, deleted or changed here in a way no event says: every total counts again. */
  public void runsChanged() {
    changes.incrementAndGet();
  }

  void onStateChanged(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) FlowRunStateChanged change) {
    runsChanged();
  }

  void onDeploymentChanged(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) DeploymentChanged change) {
    runsChanged();
  }
}
