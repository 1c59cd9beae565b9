package dev.runway.runner.control;

import dev.runway.deployments.entity.Deployment;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.platform.control.Json;
import dev.runway.processes.entity.RunLaunch;

/**
 * A claimed run and its deployment, or a bundle's run alone, as what the supervisor needs to start
 * the process.
 */
public final class Launches {

  private Launches() {}

  public static RunLaunch of(FlowRun run, Deployment deployment, long lastLogSeq, String apiToken) {
    return new RunLaunch(
        run.getId(),
        run.getName(),
        deployment.getId(),
        deployment.getName(),
        deployment.getFlowName(),
        Json.strings(deployment.getCommand()),
        deployment.getWorkingDirectory(),
        Json.stringMap(deployment.getEnv()),
        Json.object(run.getParameters()),
        run.getRunCount() + 1,
        lastLogSeq,
        apiToken,
        deployment.getTimeoutSeconds());
  }

  /** A bundle's run: its own command, directory and environment; no deployment, no timeout. */
  public static RunLaunch ofBundle(FlowRun run, long lastLogSeq, String apiToken) {
    return new RunLaunch(
        run.getId(),
        run.getName(),
        null,
        null,
        run.getFlowName(),
        Json.strings(run.getBundleCommand()),
        run.getBundleWorkingDirectory(),
        Json.stringMap(run.getBundleEnv()),
        Json.object(run.getParameters()),
        run.getRunCount() + 1,
        lastLogSeq,
        apiToken,
        null);
  }
}
