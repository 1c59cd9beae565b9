package dev.runway.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What this machine allows without any runner: {@code ProcessBuilder} spawns of {@code /bin/true}
 * in the benchmark's own JVM, the ceiling that Runway's figures are set against.
 */
final class SpawnCeiling {

  private static final String TRUE = "/bin/true";

  private SpawnCeiling() {}

  /** Spawn-and-wait of {@code count} processes, {@code parallelism} at a time: per second. */
  static double spawnsPerSecond(int count, int parallelism) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      long start = System.nanoTime();
      List<Future<Integer>> spawns = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        spawns.add(pool.submit(() -> new ProcessBuilder(TRUE).start().waitFor()));
      }
      for (Future<Integer> spawn : spawns) {
        spawn.get();
      }
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * How long {@code count} threads, released at once, need until the last of their processes has
   * started: the burst's ceiling.
   */
  static Duration timeToStart(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch ready = new CountDownLatch(count);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Long>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        started.add(pool.submit(() -> startWhenReleased(ready, go)));
      }
      ready.await();
      long release = System.nanoTime();
      go.countDown();
      long last = release;
      for (Future<Long> start : started) {
        last = Math.max(last, start.get());
      }
      return Duration.ofNanos(last - release);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Starts a process once released; the instant (nanos) its start returned, after its exit. */
  private static long startWhenReleased(CountDownLatch ready, CountDownLatch go) throws Exception {
    ready.countDown();
    go.await();
    Process process = new ProcessBuilder(TRUE).start();
    long started = System.nanoTime();
    process.waitFor();
    return started;
  }
}
