package dev.runway.deployments.control;

import dev.runway.deployments.entity.CollisionStrategy;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.schedules.control.ScheduleValidator;
import dev.runway.schedules.entity.ScheduleRequest;
import dev.runway.triggers.control.TriggerValidator;
import dev.runway.triggers.control.UpstreamValues;
import dev.runway.triggers.entity.TriggerRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checks a whole deployment request and reports every invalid field at once. */
public final class DeploymentValidator {

  static final int MAX_NAME = 100;

  private final List<FieldError> errors = new ArrayList<>();

  private DeploymentValidator() {}

  /** Throws a 400 problem naming each invalid field; returns quietly when all is well. */
  public static void check(DeploymentRequest request) {
    if (request == null) {
      throw ProblemException.invalid("body", "a deployment is required");
    }
    DeploymentValidator v = new DeploymentValidator();
    v.name("name", request.name());
    v.name("flowName", request.flowName());
    v.command(request.command());
    v.workingDirectory(request.workingDirectory());
    v.env(request.env());
    v.atLeast("concurrencyLimit", request.concurrencyLimit(), 1);
    v.collisionStrategy(request.collisionStrategy());
    v.atLeast("retries", request.retries(), 0);
    v.atLeast("retryDelaySeconds", request.retryDelaySeconds(), 0);
    v.atLeast("timeoutSeconds", request.timeoutSeconds(), 1);
    v.strings("tags", request.tags());
    v.maxLength("description", request.description(), 10_000);
    v.maxLength("version", request.version(), 200);
    if (request.schedules() != null) {
      v.errors.addAll(ScheduleValidator.check(request.schedules()));
    }
    v.errors.addAll(TriggerValidator.check(request.triggers()));
    if (request.parameterSchema() != null) {
      v.errors.addAll(ParameterSchemas.problems(request.parameterSchema(), "parameterSchema"));
    }
    if (!v.errors.isEmpty()) {
      throw ProblemException.invalid(v.errors);
    }
    List<FieldError> refused = parameterProblems(request);
    if (!refused.isEmpty()) {
      throw RunParameters.refused(refused);
    }
  }

  /**
   * What its own runs would be refused for: defaults that violate the enforced schema (leaving a
   * required parameter to the runs is fine), each active schedule whose parameters (over the
   * defaults) lack a placeholder's value or violate the schema, and likewise each trigger's
   * parameters. Such a deployment is refused rather than left to make runs that cannot start.
   */
  private static List<FieldError> parameterProblems(DeploymentRequest request) {
    JsonObject schema =
        request.enforceParameterSchema() == Boolean.FALSE ? null : request.parameterSchema();
    JsonObject defaults =
        request.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT : request.parameters();
    List<FieldError> problems = new ArrayList<>();
    if (schema != null) {
      problems.addAll(ParameterSchemas.defaultViolations(schema, defaults, "parameters"));
    }
    List<ScheduleRequest> schedules = request.schedules() == null ? List.of() : request.schedules();
    for (int i = 0; i < schedules.size(); i++) {
      ScheduleRequest schedule = schedules.get(i);
      if (schedule.active() == Boolean.FALSE) {
        continue;
      }
      JsonObject merged = ParameterMerge.merge(defaults, schedule.parameters());
      problems.addAll(
          RunParameters.problems(
              request.command(), schema, merged, "schedules[" + i + "].parameters"));
    }
    problems.addAll(triggerProblems(request, schema, defaults));
    return problems;
  }

  /**
   * Each trigger's parameters over the defaults must give the command's placeholders a value; a
   * parameter holding an upstream placeholder counts as given. Parameters that take a value from
   * the upstream run are checked against the schema only when that run's trigger fires.
   */
  private static List<FieldError> triggerProblems(
      DeploymentRequest request, JsonObject schema, JsonObject defaults) {
    List<TriggerRequest> triggers = request.triggers() == null ? List.of() : request.triggers();
    List<FieldError> problems = new ArrayList<>();
    for (int i = 0; i < triggers.size(); i++) {
      JsonObject own = triggers.get(i).parameters();
      JsonObject merged = ParameterMerge.merge(defaults, own);
      boolean fromUpstream = own != null && UpstreamValues.used(own);
      problems.addAll(
          RunParameters.problems(
              request.command(),
              fromUpstream ? null : schema,
              merged,
              "triggers[" + i + "].parameters"));
    }
    return problems;
  }

  private void name(String field, String value) {
    if (value == null || value.isBlank()) {
      reject(field, "is required and must not be blank");
    } else if (value.length() > MAX_NAME) {
      reject(field, "must be at most " + MAX_NAME + " characters");
    } else if (value.contains("/") || value.contains("%")) {
      reject(field, "must not contain '/' or '%'");
    }
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
    if (command.get(0) != null && command.get(0).isBlank()) {
      reject("command[0]", "the program must not be blank");
    }
  }

  private void workingDirectory(String value) {
    if (value != null && value.isBlank()) {
      reject("workingDirectory", "must not be blank; leave it out to use the server's");
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

  private void collisionStrategy(String value) {
    if (value != null
        && Arrays.stream(CollisionStrategy.values()).noneMatch(s -> s.name().equals(value))) {
      reject("collisionStrategy", "must be one of " + Arrays.toString(CollisionStrategy.values()));
    }
  }

  private void atLeast(String field, Integer value, int minimum) {
    if (value != null && value < minimum) {
      reject(field, "must be at least " + minimum);
    }
  }

  private void strings(String field, List<String> values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        reject(field + "[" + i + "]", "must not be null");
      }
    }
  }

  private void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      reject(field, "must be at most " + max + " characters");
    }
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
