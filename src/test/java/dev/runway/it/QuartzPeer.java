package dev.runway.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The peer Runway is measured against: Quartz with its clustered JDBC job store on the same
 * PostgreSQL (a schema of its own, {@code <bench schema>_quartz}), a job that spawns {@code
 * /bin/true} and waits for it, the same number of firings due at one instant and the same number of
 * threads as Runway's limit.
 */
final class QuartzPeer {

  private static final String TABLES = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  /** What one measurement gave; {@code finished} false when not every firing ended in time. */
  record Result(double runsPerSecond, Distribution latenessMs, int ended, boolean finished) {}

  /** A firing as the job saw it: the instant it was due, its process's start and end. */
  record Firing(Instant scheduled, Instant started, Instant ended) {}

  /** The job: spawn-and-wait of /bin/true, recorded; made by the scheduler's job factory. */
  static final class SpawnJob implements Job {

    private final Queue<Firing> firings;
    private final CountDownLatch left;

    SpawnJob(Queue<Firing> firings, CountDownLatch left) {
      this.firings = firings;
      this.left = left;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        Process process = new ProcessBuilder("/bin/true").start();
        Instant started = Instant.now();
        process.waitFor();
        firings.add(new Firing(context.getScheduledFireTime().toInstant(), started, Instant.now()));
        left.countDown();
      } catch (IOException e) {
        throw new JobExecutionException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobExecutionException(e);
      }
    }
  }

  private final int threads;
  private final boolean tuned;

  /**
   * Quartz with {@code threads} worker threads; {@code tuned} adds batch acquisition inside the
   * trigger lock and the shortest idle wait Quartz allows, untuned keeps Quartz's defaults.
   */
  QuartzPeer(int threads, boolean tuned) {
    this.threads = threads;
    this.tuned = tuned;
  }

  /**
   * Schedules {@code count} firings due {@code lead} after now, runs them, and measures them within
   * {@code timeout}: firings per second from the instant they were due (or the scheduler's start,
   * if scheduling took longer) to the last end, and lateness (start − scheduled fire time).
   */
  Result measure(int count, Duration lead, Duration timeout) throws Exception {
    String schema = BenchNodes.schema() + "_quartz";
    createTables(schema);
    Queue<Firing> firings = new ConcurrentLinkedQueue<>();
    CountDownLatch left = new CountDownLatch(count);
    Scheduler scheduler = new StdSchedulerFactory(properties(schema)).getScheduler();
    scheduler.setJobFactory((bundle, owner) -> new SpawnJob(firings, left));
    try {
      Instant due = Instant.now().plus(lead);
      scheduleAll(scheduler, count, due);
      Instant begin = Instant.now().isAfter(due) ? Instant.now() : due;
      scheduler.start();
      boolean finished = left.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return result(List.copyOf(firings), begin, finished);
    } finally {
      scheduler.shutdown(false);
    }
  }

  private static Result result(List<Firing> firings, Instant begin, boolean finished) {
    Instant last = firings.stream().map(Firing::ended).max(Instant::compareTo).orElse(begin);
    double seconds = Duration.between(begin, last).toNanos() / 1e9;
    Distribution lateness =
        Distribution.of(
            firings.stream()
                .map(f -> Duration.between(f.scheduled(), f.started()).toNanos() / 1e6)
                .toList());
    return new Result(firings.size() / seconds, lateness, firings.size(), finished);
  }

  /** One durable job with {@code count} one-shot triggers, all stored in one call. */
  private static void scheduleAll(Scheduler scheduler, int count, Instant due)
      throws SchedulerException {
    JobDetail job =
        JobBuilder.newJob(SpawnJob.class).withIdentity("spawn", "bench").storeDurably().build();
    Set<Trigger> triggers = new HashSet<>();
    for (int i = 0; i < count; i++) {
      triggers.add(
          TriggerBuilder.newTrigger()
              .withIdentity("firing-" + i, "bench")
              .forJob(job)
              .startAt(Date.from(due))
              .withSchedule(SimpleScheduleBuilder.simpleSchedule())
              .build());
    }
    scheduler.scheduleJobs(Map.of(job, triggers), false);
  }

  /**
   * The clustered JDBC job store on PostgreSQL through HikariCP. The misfire threshold is raised in
   * both set-ups so that a late firing still fires at its scheduled time and its lateness is
   * measured, instead of being rescheduled (which would hide it).
   */
  private Properties properties(String schema) {
    Properties quartz = new Properties();
    quartz.setProperty("org.quartz.scheduler.instanceName", tuned ? "bench-tuned" : "bench");
    quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    quartz.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    quartz.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    quartz.setProperty("org.quartz.jobStore.dataSource", "bench");
    quartz.setProperty("org.quartz.jobStore.isClustered", "true");
    quartz.setProperty("org.quartz.jobStore.misfireThreshold", "600000");
    quartz.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
    quartz.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
    quartz.setProperty("org.quartz.dataSource.bench.URL", url(schema));
    quartz.setProperty(
        "org.quartz.dataSource.bench.user", System.getProperty("runway.test.db.user"));
    quartz.setProperty(
        "org.quartz.dataSource.bench.password", System.getProperty("runway.test.db.password"));
    // Each worker holds a connection while it completes a firing; Quartz asks for a few more.
    quartz.setProperty("org.quartz.dataSource.bench.maxConnections", Integer.toString(threads + 4));
    if (tuned) {
      quartz.setProperty(
          "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
      quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      quartz.setProperty("org.quartz.scheduler.idleWaitTime", "1000"); // Quartz's minimum
    }
    return quartz;
  }

  /** A fresh schema with Quartz's own PostgreSQL tables, from the script inside its jar. */
  private static void createTables(String schema) {
    TestSchemas.recreate(schema);
    try (Connection db =
            DriverManager.getConnection(
                url(schema),
                System.getProperty("runway.test.db.user"),
                System.getProperty("runway.test.db.password"));
        Statement sql = db.createStatement()) {
      for (String statement : statements(script())) {
        sql.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Quartz's tables could not be made: " + e.getMessage(), e);
    }
  }

  /** The script's statements, its comments and its final COMMIT left out. */
  static List<String> statements(String script) {
    String code = script.replaceAll("(?m)^\\s*--.*$", "");
    return Arrays.stream(code.split(";"))
        .map(String::strip)
        .filter(statement -> !statement.isEmpty())
        .filter(statement -> !statement.equalsIgnoreCase("commit"))
        .toList();
  }

  private static String script() {
    try (InputStream in = Scheduler.class.getClassLoader().getResourceAsStream(TABLES)) {
      if (in == null) {
        throw new IllegalStateException(TABLES + " is not in the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String url(String schema) {
    return System.getProperty("runway.test.db.url") + "?currentSchema=" + schema;
  }
}
