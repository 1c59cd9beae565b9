package dev.runway.it;

import dev.runway.it.BenchNodes.Store;
import dev.runway.it.BenchRuns.RunTimes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runway's benchmark (issue 8), printed and written to {@code target/benchmarks.md}, never
 * asserted: each scenario starts its own nodes on the provisioned WildFly, drives them through the
 * REST API and reads its figures from the times the runs recorded. Run with {@code mvn verify
 * -Pbenchmark}; docs/benchmarks.md says what each scenario measures. Unlike the ITs the scenarios
 * run in order on one instance, because the last one sets Quartz beside the first one's figure.
 * Each wait is bounded: past {@code benchmark.timeout-seconds} a scenario reports what it has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunwayBenchmark {

  private static final int RUNS = Integer.getInteger("benchmark.runs", 2000);
  private static final int LIMIT = Integer.getInteger("benchmark.limit", 16);
  private static final boolean TWO_NODES = !Boolean.getBoolean("benchmark.one-node-only");
  private static final int STEADY_DEPLOYMENTS =
      Integer.getInteger("benchmark.steady.deployments", 100);
  private static final Duration STEADY_TIME =
      Duration.ofSeconds(Integer.getInteger("benchmark.steady.seconds", 120));
  private static final int BURST_RUNS = Integer.getInteger("benchmark.burst.runs", 200);
  private static final int FOOTPRINT_RUNS = Integer.getInteger("benchmark.footprint.runs", 500);
  private static final int STORED_RUNS = Integer.getInteger("benchmark.list.stored", 100_000);
  private static final int LIST_CLIENTS = Integer.getInteger("benchmark.list.clients", 8);
  private static final int LIST_REQUESTS = Integer.getInteger("benchmark.list.requests", 4000);
  private static final Duration TIMEOUT =
      Duration.ofSeconds(Integer.getInteger("benchmark.timeout-seconds", 240));

  private static final String TRUE = "[\"/bin/true\"]";
  private static final String ENDED = "stateType=COMPLETED&stateType=FAILED&stateType=CRASHED";
  private static final String UNSTARTED = "stateType=SCHEDULED&stateType=PENDING";

  private final BenchFigures figures = new BenchFigures();

  /** Scenario 1's figure on PostgreSQL, which scenario 5 sets Quartz's beside; null if none. */
  private Double runwayOnPostgresql;

  /** What a throughput measurement gave: over the completed runs, from the first claim. */
  private record Throughput(double runsPerSecond, int completed, boolean finished) {

    String describe() {
      return String.format("%.1f runs/s", runsPerSecond)
          + (finished
              ? ""
              : " (" + completed + " of " + RUNS + " completed, " + notFinished() + ")");
    }
  }

  @Test
  @Order(1)
  void throughputOfRunsDueAtOnceAgainstTheSpawnCeiling() throws Exception {
    BenchFigures.heading(
        "1. Throughput: " + RUNS + " runs of /bin/true due at once, limit " + LIMIT);
    double ceiling = SpawnCeiling.spawnsPerSecond(RUNS, LIMIT);
    figures.note("throughput", "ProcessBuilder spawn-and-wait ceiling", perSecond(ceiling));
    for (Store store : Store.values()) {
      freshStore(store);
      try (ServerNode node =
          BenchNodes.node(store, "throughput", BenchNodes.FIRST_OFFSET, LIMIT, Map.of())) {
        Api api = BenchNodes.started(node);
        Throughput one = throughput(List.of(api), "one-node");
        figures.add(
            "throughput",
            "Runway on " + store.label + ", share of the ceiling",
            one.describe() + String.format(", %.0f %%", 100 * one.runsPerSecond() / ceiling),
            "≥ 60 %",
            one.runsPerSecond() >= 0.6 * ceiling);
        if (store == Store.POSTGRESQL) {
          runwayOnPostgresql = one.runsPerSecond();
          twoNodes(api, ceiling);
        }
      }
    }
  }

  @Test
  @Order(2)
  void steadyLatenessOfStaggeredIntervalSchedules() throws Exception {
    BenchFigures.heading(
        "2a. Steady lateness: "
            + STEADY_DEPLOYMENTS
            + " deployments every 10 s, anchors 100 ms apart, for "
            + STEADY_TIME.toSeconds()
            + " s, limit "
            + LIMIT);
    // Only a few minutes of runs ahead: the default hour would make 36,000 runs to no purpose.
    Map<String, String> horizon =
        Map.of(
            "runway.scheduler.min-time", "PT1M",
            "runway.scheduler.max-time", "PT3M",
            "runway.scheduler.max-runs", "30");
    for (Store store : Store.values()) {
      freshStore(store);
      try (ServerNode node =
          BenchNodes.node(store, "steady", BenchNodes.FIRST_OFFSET, LIMIT, horizon)) {
        steadyLateness(BenchNodes.started(node), store);
      }
    }
  }

  @Test
  @Order(3)
  void burstOfRunsDueAtOneInstantAgainstTheSpawnCeiling() throws Exception {
    BenchFigures.heading(
        "2b. Burst: " + BURST_RUNS + " runs due at one instant 5 s ahead, limit " + BURST_RUNS);
    Double lastStartMs = null;
    freshStore(Store.POSTGRESQL);
    try (ServerNode node =
        BenchNodes.node(Store.POSTGRESQL, "burst", BenchNodes.FIRST_OFFSET, BURST_RUNS, Map.of())) {
      lastStartMs = burstLastStart(BenchNodes.started(node));
    }
    Duration ceiling = SpawnCeiling.timeToStart(BURST_RUNS);
    double ceilingMs = ceiling.toNanos() / 1e6;
    figures.note("burst", BURST_RUNS + " ProcessBuilder starts released at once", ms(ceilingMs));
    figures.add(
        "burst",
        "Runway: the instant to the last process start",
        lastStartMs == null ? notFinished() : ms(lastStartMs),
        "≤ 1.5 × ceiling (" + ms(1.5 * ceilingMs) + ")",
        lastStartMs != null && lastStartMs <= 1.5 * ceilingMs);
  }

  @Test
  @Order(4)
  void footprintOfSupervisedRuns() throws Exception {
    BenchFigures.heading(
        "3. Footprint: " + FOOTPRINT_RUNS + " concurrent sleep 60 runs, limit " + FOOTPRINT_RUNS);
    freshStore(Store.POSTGRESQL);
    try (ServerNode node =
        BenchNodes.node(
            Store.POSTGRESQL, "footprint", BenchNodes.FIRST_OFFSET, FOOTPRINT_RUNS, Map.of())) {
      Api api = BenchNodes.started(node);
      ProcessHandle jvm =
          node.serverJvm().orElseThrow(() -> new IllegalStateException("no server JVM"));
      BenchRuns.sleepUntil(Instant.now().plusSeconds(5)); // past the deployment's own work
      footprint(api, jvm);
    }
  }

  @Test
  @Order(5)
  void listLatencyWithManyRunsStored() throws Exception {
    BenchFigures.heading(
        "4. API under load: GET /flow-runs?limit=50 with "
            + STORED_RUNS
            + " runs stored, "
            + LIST_CLIENTS
            + " clients");
    freshStore(Store.POSTGRESQL);
    try (ServerNode node =
        BenchNodes.node(Store.POSTGRESQL, "list", BenchNodes.FIRST_OFFSET, LIMIT, Map.of())) {
      Api api = BenchNodes.started(node);
      String deployment = api.deploy("bench", "list", TRUE);
      String template = api.awaitEnd(api.run(deployment, "{}")).getString("id");
      SeededRuns.copy(BenchNodes.schema(), template, STORED_RUNS - 1);
      Distribution latency = listLatency(node);
      figures.add(
          "list",
          "GET /flow-runs?limit=50 latency",
          latency.summary("ms"),
          "p99 < 50 ms",
          latency.percentile(99) < 50);
    }
  }

  @Test
  @Order(6)
  void quartzBesideRunway() throws Exception {
    BenchFigures.heading(
        "5. Peer: Quartz 2.5.2, clustered JDBC store on PostgreSQL, "
            + RUNS
            + " firings due at once, "
            + LIMIT
            + " threads");
    for (boolean tuned : List.of(false, true)) {
      String setUp = tuned ? "tuned" : "defaults";
      QuartzPeer.Result quartz =
          new QuartzPeer(LIMIT, tuned).measure(RUNS, Duration.ofSeconds(10), TIMEOUT);
      String done =
          quartz.finished() ? "" : " (" + quartz.ended() + " ended, " + notFinished() + ")";
      figures.note(
          "quartz", "Quartz (" + setUp + ") throughput", perSecond(quartz.runsPerSecond()) + done);
      figures.note("quartz", "Quartz (" + setUp + ") lateness", quartz.latenessMs().summary("ms"));
      ratio(quartz, tuned);
    }
  }

  @AfterAll
  void report() {
    System.out.println(figures.table());
    Path file = Path.of(System.getProperty("runway.war")).resolveSibling("benchmarks.md");
    figures.writeMarkdown(file, command());
    System.out.println("  (also written to " + file + ")");
  }

  /**
   * Runs made while the runner is stopped, so that all are due when it starts: runs per second from
   * the first claim to the last COMPLETED, over the runs that completed.
   */
  private static Throughput throughput(List<Api> nodes, String name) throws Exception {
    Api api = nodes.get(0);
    String deployment = api.deploy("bench", name, TRUE);
    nodes.forEach(node -> control(node, "runner/stop"));
    BenchRuns.create(nodes, deployment, RUNS, "{}");
    nodes.forEach(node -> control(node, "runner/start"));

    String query = "deploymentId=" + deployment;
    boolean finished =
        BenchRuns.await(TIMEOUT, () -> BenchRuns.count(api, query + "&" + ENDED) == RUNS);
    List<RunTimes> completed =
        BenchRuns.read(api, query + "&stateType=COMPLETED").stream()
            .filter(run -> run.end() != null)
            .toList();

    Instant firstClaim = BenchRuns.firstClaim(api, completed, 2 * LIMIT * nodes.size());
    Instant lastEnd =
        completed.stream().map(RunTimes::end).max(Comparator.naturalOrder()).orElse(firstClaim);
    double seconds = firstClaim == null ? Double.NaN : seconds(firstClaim, lastEnd);
    return new Throughput(completed.size() / seconds, completed.size(), finished);
  }

  /** The extra line of the old claim benchmark: a second node on the same store. */
  private void twoNodes(Api first, double ceiling) throws Exception {
    if (!TWO_NODES) {
      return;
    }
    try (ServerNode node =
        BenchNodes.node(
            Store.POSTGRESQL, "throughput-b", BenchNodes.SECOND_OFFSET, LIMIT, Map.of())) {
      Api second = BenchNodes.started(node);
      Throughput two = throughput(List.of(first, second), "two-nodes");
      figures.note(
          "throughput",
          "Runway, two nodes on PostgreSQL (limit " + LIMIT + " each)",
          two.describe()
              + String.format(", %.0f %% of the ceiling", 100 * two.runsPerSecond() / ceiling));
    }
  }

  /**
   * Deployments whose anchors are spread 100 ms apart over a 10 s interval, so that a run is due
   * every 100 ms on average; the lateness of the runs due within the window, read back.
   */
  private void steadyLateness(Api api, Store store) {
    Instant base = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < STEADY_DEPLOYMENTS; i++) {
      api.deploy(
          "{\"flowName\":\"bench-steady\",\"name\":\"steady-"
              + i
              + "\",\"command\":"
              + TRUE
              + ",\"schedules\":[{\"interval\":10,\"anchorDate\":\""
              + base.plusMillis(100L * i)
              + "\"}]}");
    }
    Instant windowStart = windowAfter(base, Instant.now());
    Instant windowEnd = windowStart.plus(STEADY_TIME);
    BenchRuns.sleepUntil(windowEnd.plusSeconds(2));

    String window =
        "flowName=bench-steady&since=" + windowStart + "&until=" + windowEnd.minusNanos(1000);
    boolean finished =
        BenchRuns.await(
            Duration.ofSeconds(30),
            () -> BenchRuns.count(api, window + "&" + UNSTARTED + "&stateType=RUNNING") == 0);
    List<RunTimes> runs = BenchRuns.read(api, window);
    Distribution lateness =
        Distribution.of(runs.stream().map(RunTimes::latenessMs).filter(Objects::nonNull).toList());
    long expected = STEADY_DEPLOYMENTS * (STEADY_TIME.toSeconds() / 10);
    figures.note(
        "steady",
        "runs started on " + store.label,
        lateness.count() + " of " + expected + " due" + (finished ? "" : ", " + notFinished()));
    figures.add(
        "steady",
        "lateness on " + store.label,
        lateness.summary("ms"),
        "p99 < 20 ms",
        !lateness.isEmpty() && lateness.percentile(99) < 20);
  }

  /** The first whole interval (10 s) from {@code base} that starts after the deployments exist. */
  private static Instant windowAfter(Instant base, Instant ready) {
    Instant start = base;
    while (start.isBefore(ready)) {
      start = start.plusSeconds(10);
    }
    return start;
  }

  /** Milliseconds from the burst's instant to its last process start; null if not all started. */
  private Double burstLastStart(Api api) throws Exception {
    String deployment = api.deploy("bench", "burst", TRUE);
    Instant due = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    BenchRuns.create(List.of(api), deployment, BURST_RUNS, "{\"scheduledStart\":\"" + due + "\"}");
    if (Instant.now().isAfter(due)) {
      figures.note("burst", "warning", "making the runs took past their instant");
    }
    String query = "deploymentId=" + deployment;
    boolean finished =
        BenchRuns.await(TIMEOUT, () -> BenchRuns.count(api, query + "&" + ENDED) == BURST_RUNS);
    List<Double> lateness =
        BenchRuns.read(api, query).stream()
            .map(RunTimes::latenessMs)
            .filter(Objects::nonNull)
            .toList();
    if (!finished || lateness.size() < BURST_RUNS) {
      figures.note("burst", "runs started", lateness.size() + " of " + BURST_RUNS);
      return null;
    }
    return Distribution.of(lateness).max();
  }

  /** The server before any run and with the runs running, per supervised run. */
  private void footprint(Api api, ProcessHandle jvm) throws Exception {
    ServerFootprint before = ServerFootprint.of(jvm);
    Map<String, Integer> threadsBefore = ServerFootprint.threadKinds(jvm);
    String deployment = api.deploy("bench", "footprint", "[\"/bin/sleep\",\"60\"]");
    BenchRuns.create(List.of(api), deployment, FOOTPRINT_RUNS, "{}");
    String running = "deploymentId=" + deployment + "&stateType=RUNNING";
    boolean all =
        BenchRuns.await(
            Duration.ofSeconds(40), () -> BenchRuns.count(api, running) == FOOTPRINT_RUNS);
    int count = (int) BenchRuns.count(api, running);
    ServerFootprint during = ServerFootprint.of(jvm);
    Map<String, Integer> threadsDuring = ServerFootprint.threadKinds(jvm);
    control(api, "runner/cancel-all");

    figures.note("footprint", "server before", before.toString());
    figures.note(
        "footprint",
        "server with " + count + " runs running",
        during + (all ? "" : " (not all " + FOOTPRINT_RUNS + " running within 40 s)"));
    double heapKib = (during.heapUsedBytes() - before.heapUsedBytes()) / 1024.0 / count;
    double threads = (during.threads() - before.threads()) / (double) count;
    figures.note("footprint", "per run", before.perRun(during, count));
    figures.note(
        "footprint", "threads grown", ServerFootprint.growth(threadsBefore, threadsDuring));
    figures.add(
        "footprint",
        "heap per supervised run",
        String.format("%.1f KiB", heapKib),
        "< 100 KiB",
        before.heapUsedBytes() >= 0 && heapKib < 100);
    figures.add(
        "footprint",
        "platform threads per supervised run",
        String.format("%.2f", threads),
        "≤ 1",
        threads <= 1);
  }

  /** {@link #LIST_CLIENTS} clients, each with its own connection, reading the first page. */
  private static Distribution listLatency(ServerNode node) throws Exception {
    Api warmUp = new Api(node.url());
    for (int i = 0; i < 100; i++) {
      warmUp.get("flow-runs?limit=50");
    }
    Instant deadline = Instant.now().plus(TIMEOUT);
    ExecutorService clients = Executors.newFixedThreadPool(LIST_CLIENTS);
    try {
      List<Future<List<Double>>> timings = new ArrayList<>();
      for (int c = 0; c < LIST_CLIENTS; c++) {
        Api client = new Api(node.url());
        timings.add(clients.submit(() -> listRepeatedly(client, deadline)));
      }
      List<Double> all = new ArrayList<>();
      for (Future<List<Double>> timing : timings) {
        all.addAll(timing.get());
      }
      return Distribution.of(all);
    } finally {
      clients.shutdownNow();
    }
  }

  private static List<Double> listRepeatedly(Api client, Instant deadline) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < LIST_REQUESTS / LIST_CLIENTS && Instant.now().isBefore(deadline); i++) {
      long start = System.nanoTime();
      int status = client.get("flow-runs?limit=50").status();
      millis.add((System.nanoTime() - start) / 1e6);
      if (status != 200) {
        throw new IllegalStateException("GET /flow-runs answered " + status);
      }
    }
    return millis;
  }

  /** Runway's scenario 1 figure on PostgreSQL over Quartz's; the target for tuned Quartz. */
  private void ratio(QuartzPeer.Result quartz, boolean tuned) {
    String name = "Runway / Quartz (" + (tuned ? "tuned" : "defaults") + ")";
    if (runwayOnPostgresql == null) {
      figures.note("quartz", name, "no Runway figure (scenario 1 did not run)");
      return;
    }
    double ratio = runwayOnPostgresql / quartz.runsPerSecond();
    if (tuned) {
      figures.add("quartz", name, String.format("%.2f ×", ratio), "≥ 3 ×", ratio >= 3);
    } else {
      figures.note("quartz", name, String.format("%.2f ×", ratio));
    }
  }

  /** A runner command that must be obeyed for the figures to mean anything. */
  private static void control(Api node, String path) {
    Api.Reply reply = node.send("POST", path, null);
    if (reply.status() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " answered " + reply);
    }
  }

  private static void freshStore(Store store) {
    if (store == Store.POSTGRESQL) {
      BenchNodes.freshSchema(); // the embedded store is fresh with its node's base directory
    }
  }

  /** The command that produced the figures, with the knobs given. */
  private static String command() {
    return "mvn verify -Pbenchmark"
        + System.getProperties().stringPropertyNames().stream()
            .filter(key -> key.startsWith("benchmark."))
            .sorted()
            .map(key -> " -D" + key + "=" + System.getProperty(key))
            .collect(Collectors.joining());
  }

  private static String notFinished() {
    return "not finished in " + TIMEOUT.toSeconds() + " s";
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static String perSecond(double value) {
    return String.format("%.1f runs/s", value);
  }

  private static String ms(double value) {
    return String.format("%.1f ms", value);
  }
}
