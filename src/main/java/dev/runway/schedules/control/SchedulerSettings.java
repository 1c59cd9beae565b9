package dev.runway.schedules.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How far ahead schedules make runs, how often that is topped up, and when a run is late (§6). */
@ApplicationScoped
public class SchedulerSettings {

  @Inject
  @ConfigProperty(name = "runway.scheduler.min-runs", defaultValue = "3")
  int minRuns;

  @Inject
  @ConfigProperty(name = "runway.scheduler.max-runs", defaultValue = "100")
  int maxRuns;

  @Inject
  @ConfigProperty(name = "runway.scheduler.min-time", defaultValue = "PT1H")
  Duration minTime;

  @Inject
  @ConfigProperty(name = "runway.scheduler.max-time", defaultValue = "P100D")
  Duration maxTime;

  @Inject
  @ConfigProperty(name = "runway.scheduler.loop-seconds", defaultValue = "10")
  int loopSeconds;

  @Inject
  @ConfigProperty(name = "runway.late-after-seconds", defaultValue = "15")
  int lateAfterSeconds;

  /** The configured horizon, made consistent: the maxima never below the minima. */
  public Horizon horizon() {
    int min = Math.max(minRuns, 0);
    Duration minimumTime = minTime.isNegative() ? Duration.ZERO : minTime;
    return new Horizon(
        min,
        Math.max(maxRuns, Math.max(min, 1)),
        minimumTime,
        maxTime.compareTo(minimumTime) < 0 ? minimumTime : maxTime);
  }

  public Duration loopInterval() {
    return Duration.ofSeconds(Math.max(loopSeconds, 1));
  }

  public Duration lateAfter() {
    return Duration.ofSeconds(Math.max(lateAfterSeconds, 0));
  }

  /** How often runs are checked for lateness: often enough to rename them within a few seconds. */
  public Duration lateCheckInterval() {
    return Duration.ofSeconds(Math.max(1, Math.min(5, lateAfterSeconds)));
  }
}
