package dev.runway.it;

import java.util.Collection;
import java.util.List;

/** Measured values, sorted, with the nearest-rank percentiles the benchmark reports. */
final class Distribution {

  private final List<Double> sorted;

  private Distribution(List<Double> sorted) {
    this.sorted = sorted;
  }

  static Distribution of(Collection<Double> values) {
    return new Distribution(values.stream().sorted().toList());
  }

  int count() {
    return sorted.size();
  }

  boolean isEmpty() {
    return sorted.isEmpty();
  }

  /** The nearest-rank percentile: the smallest value that {@code percent} % are not above. */
  double percentile(double percent) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  double max() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
  }

  /** {@code p50 1.2, p95 3.4, p99 5.6, max 7.8 ms (n 1200)}. */
  String summary(String unit) {
    return String.format(
        "p50 %.1f, p95 %.1f, p99 %.1f, max %.1f %s (n %d)",
        percentile(50), percentile(95), percentile(99), max(), unit, count());
  }
}
