package dev.runway.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The benchmark's side of the REST API: runs made in parallel, waits that give up instead of
 * failing, and runs read back with the times they recorded.
 */
final class BenchRuns {

  /** How many clients make runs at once: enough to keep a node's request threads busy. */
  private static final int CLIENTS = 8;

  private static final int PAGE = 500;

  /** A run as recorded: its expected start, its process's start and end, its lateness. */
  record RunTimes(
      String id,
      String stateType,
      Instant expectedStart,
      Instant start,
      Instant end,
      Double latenessMs) {

    static RunTimes of(JsonObject run) {
      return new RunTimes(
          run.getString("id"),
          Api.stateType(run),
          instant(run, "expectedStartTime"),
          instant(run, "startTime"),
          instant(run, "endTime"),
          Api.isNull(run, "startLatenessMs")
              ? null
              : run.getJsonNumber("startLatenessMs").doubleValue());
    }

    private static Instant instant(JsonObject run, String field) {
      return Api.isNull(run, field) ? null : Instant.parse(run.getString(field));
    }
  }

  private BenchRuns() {}

  /** Makes {@code count} runs of the deployment with {@code runJson}, from several clients. */
  static void create(List<Api> nodes, String deployment, int count, String runJson)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<String>> made = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Api node = nodes.get(i % nodes.size());
        made.add(clients.submit(() -> node.run(deployment, runJson)));
      }
      for (Future<String> run : made) {
        run.get();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** How many runs {@code query} (a {@code flow-runs} filter) matches. */
  static long count(Api api, String query) {
    return api.get("flow-runs?limit=1&" + query).totalCount();
  }

  /** Every run that {@code query} matches, page by page. */
  static List<RunTimes> read(Api api, String query) {
    List<RunTimes> runs = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      List<JsonObject> page =
          api.get("flow-runs?limit=" + PAGE + "&offset=" + offset + "&" + query)
              .array()
              .getValuesAs(JsonObject.class);
      page.stream().map(RunTimes::of).forEach(runs::add);
      if (page.size() < PAGE) {
        return runs;
      }
    }
  }

  /**
   * The first claim among {@code runs}: the earliest PENDING in the histories of the runs that
   * started first (a run is claimed before it starts, so the first claim is among the first starts;
   * {@code among} of them are read).
   */
  static Instant firstClaim(Api api, List<RunTimes> runs, int among) {
    return runs.stream()
        .filter(run -> run.start() != null)
        .sorted(Comparator.comparing(RunTimes::start))
        .limit(among)
        .map(run -> pendingSince(api, run.id()))
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  /**
   * Waits until {@code condition} holds; false when {@code timeout} passed first, so that the
   * caller reports what it has instead of failing.
   */
  static boolean await(Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      pause(Duration.ofMillis(200));
    }
    return true;
  }

  /** Sleeps until {@code instant}, for a measurement that lasts a fixed time. */
  static void sleepUntil(Instant instant) {
    Duration left = Duration.between(Instant.now(), instant);
    if (!left.isNegative()) {
      pause(left);
    }
  }

  private static Instant pendingSince(Api api, String runId) {
    return api.get("flow-runs/" + runId + "/states").array().getValuesAs(JsonObject.class).stream()
        .filter(state -> state.getString("type").equals("PENDING"))
        .map(state -> Instant.parse(state.getString("timestamp")))
        .findFirst()
        .orElse(null);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
