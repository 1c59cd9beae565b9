package dev.runway.flowruns.entity;

import dev.runway.deployments.control.SecretEnv;
import dev.runway.platform.control.Json;
import java.util.List;
import java.util.Map;

/** What a bundle's run was asked to run, as the API shows it: secrets in its env as {@code ***}. */
public record BundleView(List<String> command, String workingDirectory, Map<String, String> env) {

  /** The run's bundle; null for a deployment's run. */
  public static BundleView of(FlowRun r) {
    if (!r.isBundle()) {
      return null;
    }
    return new BundleView(
        Json.strings(r.getBundleCommand()),
        r.getBundleWorkingDirectory(),
        SecretEnv.masked(Json.stringMap(r.getBundleEnv())));
  }
}
