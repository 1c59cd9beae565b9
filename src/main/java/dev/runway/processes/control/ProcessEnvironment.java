package dev.runway.processes.control;

import dev.runway.processes.entity.RunLaunch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A run's environment (spec §4): the node's, then the deployment's (or the bundle's) {@code env},
 * then Runway's own variables, which nothing can override. A bundle's run has no deployment, so no
 * {@code RUNWAY_DEPLOYMENT_*}.
 */
public final class ProcessEnvironment {

  private ProcessEnvironment() {}

  public static Map<String, String> of(
      RunLaunch run, Map<String, String> node, String apiUrl, Path resultFile) {
    Map<String, String> env = new HashMap<>(node);
    env.putAll(run.env());
    String instance = node.get(Sentinel.MARKER);
    if (instance != null) {
      env.put(Sentinel.MARKER, instance);
    }
    env.put("RUNWAY_FLOW_RUN_ID", run.runId().toString());
    env.put("RUNWAY_FLOW_RUN_NAME", run.runName());
    if (run.deploymentId() != null) {
      env.put("RUNWAY_DEPLOYMENT_ID", run.deploymentId().toString());
      env.put("RUNWAY_DEPLOYMENT_NAME", run.deploymentName());
    } else {
      env.remove("RUNWAY_DEPLOYMENT_ID");
      env.remove("RUNWAY_DEPLOYMENT_NAME");
    }
    env.put("RUNWAY_FLOW_NAME", run.flowName());
    env.put("RUNWAY_PARAMETERS", run.parameters().toString());
    env.put("RUNWAY_RUN_COUNT", Integer.toString(run.runCount()));
    env.put("RUNWAY_API_URL", apiUrl);
    env.put("RUNWAY_API_TOKEN", run.apiToken());
    env.put("RUNWAY_RESULT_FILE", resultFile.toString());
    return env;
  }
}
