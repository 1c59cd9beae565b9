package dev.runway.runner.entity;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * An ad-hoc command to run now on this node, without a deployment: Prefect's bundle. {@code
 * command} is an argv (an absolute program, no shell), placeholders filled from {@code parameters}
 * as a deployment's are; {@code workingDirectory} and {@code env} are optional. Every field is
 * optional to the binder so that the validator names what is missing.
 */
public record Bundle(
    List<String> command, String workingDirectory, Map<String, String> env, JsonObject parameters) {

  /**
   * A bundle of {@code command}, in {@code workingDirectory} (null: the server's) with {@code env}.
   */
  public static Bundle of(List<String> command, String workingDirectory, Map<String, String> env) {
    return new Bundle(command, workingDirectory, env, null);
  }
}
