package dev.runway.deployments.control;

import dev.runway.deployments.entity.Deployment;
import dev.runway.platform.control.Json;
import dev.runway.platform.control.Placeholders;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether merged parameters can start a run of a deployment: every {@code {{ parameters.X }}} of
 * its command has a value, and, when the deployment enforces its schema, they conform to it. Runs
 * are checked when created (by a client, a schedule or a trigger), never when they start.
 */
public final class RunParameters {

  public static final Placeholders PLACEHOLDERS = Placeholders.of("parameters");

  private RunParameters() {}

  /** Refuses, with 422 and each problem, parameters that could not start the deployment's run. */
  public static void require(Deployment deployment, JsonObject merged) {
    List<FieldError> problems = problems(deployment, merged, "parameters");
    if (!problems.isEmpty()) {
      throw refused(problems);
    }
  }

  /** Each reason {@code merged} could not start a run of the deployment, under {@code field}. */
  public static List<FieldError> problems(Deployment deployment, JsonObject merged, String field) {
    String schema = deployment.getParameterSchema();
    return problems(
        Json.strings(deployment.getCommand()),
        deployment.isEnforceParameterSchema() && schema != null ? Json.object(schema) : null,
        merged,
        field);
  }

  /**
   * Each reason {@code merged} could not start {@code command}, under {@code field}: a placeholder
   * without a value, then each violation of {@code schema} (null: none enforced).
   */
  public static List<FieldError> problems(
      List<String> command, JsonObject schema, JsonObject merged, String field) {
    List<FieldError> problems = new ArrayList<>();
    for (String name : placeholders(command)) {
      if (!merged.containsKey(name)) {
        problems.add(
            new FieldError(
                field + "." + name, "is required: the command uses {{ parameters." + name + " }}"));
      }
    }
    if (schema != null) {
      problems.addAll(ParameterSchemas.violations(schema, merged, field));
    }
    return problems;
  }

  /** The parameter names the command's placeholders use. */
  public static Set<String> placeholders(List<String> command) {
    Set<String> names = new LinkedHashSet<>();
    command.forEach(element -> names.addAll(PLACEHOLDERS.names(element)));
    return names;
  }

  public static ProblemException refused(List<FieldError> problems) {
    String detail =
        problems.size() == 1
            ? problems.get(0).field() + ": " + problems.get(0).message()
            : problems.size() + " problems with the parameters";
    return new ProblemException(422, "Parameters refused", detail, problems);
  }
}
