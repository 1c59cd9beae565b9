package dev.runway.runner.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The runner's configuration (spec §6); every key can be set as an environment variable. */
@ApplicationScoped
public class RunnerSettings {

  @Inject
  @ConfigProperty(name = "runway.runner.name")
  Optional<String> name;

  @Inject
  @ConfigProperty(name = "runway.runner.query-seconds", defaultValue = "10")
  int querySeconds;

  @Inject
  @ConfigProperty(name = "runway.runner.prefetch-seconds", defaultValue = "10")
  int prefetchSeconds;

  @Inject
  @ConfigProperty(name = "runway.runner.heartbeat-seconds", defaultValue = "10")
  int heartbeatSeconds;

  @Inject
  @ConfigProperty(name = "runway.runner.limit", defaultValue = "5")
  int limit;

  @Inject
  @ConfigProperty(name = "runway.runner.autostart", defaultValue = "true")
  boolean autostart;

  @Inject
  @ConfigProperty(name = "runway.node-lost-after-seconds")
  Optional<Integer> nodeLostAfterSeconds;

  @Inject
  @ConfigProperty(name = "runway.runner.cancel-grace-seconds", defaultValue = "30")
  int cancelGraceSeconds;

  @Inject
  @ConfigProperty(name = "runway.runner.pause-on-shutdown", defaultValue = "false")
  boolean pauseOnShutdown;

  @Inject
  @ConfigProperty(name = "runway.api-url", defaultValue = "http://localhost:8080/runway/api")
  String apiUrl;

  @Inject
  @ConfigProperty(name = "runway.results-dir")
  Optional<String> resultsDir;

  public String name() {
    return name.filter(n -> !n.isBlank()).orElseGet(RunnerSettings::hostName);
  }

  public Duration queryInterval() {
    return Duration.ofSeconds(querySeconds);
  }

  public Duration prefetch() {
    return Duration.ofSeconds(prefetchSeconds);
  }

  public Duration heartbeatInterval() {
    return Duration.ofSeconds(heartbeatSeconds);
  }

  public Duration nodeLostAfter() {
    return Duration.ofSeconds(nodeLostAfterSeconds.orElse(3 * heartbeatSeconds));
  }

  public int limit() {
    return limit;
  }

  /** How long a process tree asked to end (SIGTERM) has before it is killed (SIGKILL). */
  public Duration cancelGrace() {
    return Duration.ofSeconds(Math.max(cancelGraceSeconds, 0));
  }

  public boolean pauseOnShutdown() {
    return pauseOnShutdown;
  }

  public boolean autostart() {
    return autostart;
  }

  public String apiUrl() {
    return apiUrl;
  }

  public Path resultsDirectory() {
    return Path.of(resultsDir.orElse(System.getProperty("java.io.tmpdir") + "/runway-results"));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "runway";
    }
  }
}
