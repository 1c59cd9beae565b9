package dev.runway.runner.control;

import dev.runway.deployments.control.RunParameters;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.runner.entity.Bundle;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a bundle before anything is stored or a slot taken, and reports every invalid field at
 * once: the program and working directory must be absolute paths without {@code ..}, since a bundle
 * runs at once and a mistake should be a 400, not a CRASHED run.
 */
public final class BundleValidator {

  private final List<FieldError> errors = new ArrayList<>();

  private BundleValidator() {}

  /** Throws a 400 problem naming each invalid field, or 422 for a placeholder with no value. */
  public static void check(Bundle bundle) {
    if (bundle == null) {
      throw ProblemException.invalid("body", "a bundle is required");
    }
    BundleValidator v = new BundleValidator();
    v.command(bundle.command());
    v.path("workingDirectory", bundle.workingDirectory());
    v.env(bundle.env());
    if (!v.errors.isEmpty()) {
      throw ProblemException.invalid(v.errors);
    }
    List<FieldError> refused =
        RunParameters.problems(bundle.command(), null, parameters(bundle), "parameters");
    if (!refused.isEmpty()) {
      throw RunParameters.refused(refused);
    }
  }

  static JsonObject parameters(Bundle bundle) {
    return bundle.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT : bundle.parameters();
  }

  private void command(List<String> command) {
    if (command == null || command.isEmpty()) {
      reject("command", "is required: the program and its arguments, one element each");
      return;
    }
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i) == null) {
        reject("command[" + i + "]", "must not be null");
      }
    }
    if (command.get(0) != null) {
      path("command[0]", command.get(0));
    }
  }

  private void path(String field, String text) {
    if (text == null) {
      return;
    }
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      reject(field, "is not a valid path");
      return;
    }
    if (!path.isAbsolute()) {
      reject(field, "must be an absolute path");
      return;
    }
    for (Path part : path) {
      if (part.toString().equals("..")) {
        reject(field, "must not contain '..'");
        return;
      }
    }
  }

  private void env(Map<String, String> env) {
    if (env == null) {
      return;
    }
    env.forEach(
        (key, value) -> {
          if (key.isBlank() || key.contains("=") || key.indexOf('\0') >= 0) {
            reject("env." + key, "is not a valid environment variable name");
          } else if (value == null) {
            reject("env." + key, "must be a string");
          }
        });
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
