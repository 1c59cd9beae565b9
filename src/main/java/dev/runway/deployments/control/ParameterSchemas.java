package dev.runway.deployments.control;

import dev.harrel.jsonschema.Error;
import dev.harrel.jsonschema.InvalidSchemaException;
import dev.harrel.jsonschema.JsonSchemaException;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.JakartaJsonNode;
import dev.runway.platform.entity.FieldError;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's {@code parameterSchema}, JSON Schema 2020-12 unless the schema names another draft
 * in {@code $schema}: whether it is a schema at all, and every way some parameters violate it.
 * Schemas are never fetched from the network: a {@code $ref} reaches only inside the schema.
 */
public final class ParameterSchemas {

  private static final URI SCHEMA = URI.create("urn:runway:parameter-schema");

  private ParameterSchemas() {}

  /** Why the schema is not a valid JSON Schema, each under {@code field}; empty when it is. */
  public static List<FieldError> problems(JsonObject schema, String field) {
    try {
      validator(schema);
      return List.of();
    } catch (InvalidSchemaException e) {
      return errors(field, e.getErrors());
    } catch (JsonSchemaException e) {
      return List.of(new FieldError(field, "is not a usable JSON Schema: " + e.getMessage()));
    }
  }

  /**
   * Every violation of the schema by {@code parameters}, each named by {@code field} plus the path
   * of the offending value; empty when they conform. The schema must be valid (see {@link
   * #problems}).
   */
  public static List<FieldError> violations(
      JsonObject schema, JsonObject parameters, String field) {
    Validator.Result result = validator(schema).validate(SCHEMA, parameters);
    return result.isValid() ? List.of() : errors(field, result.getErrors());
  }

  /**
   * Every violation of the schema by a deployment's default parameters, but for required parameters
   * they leave out: a run must then give those itself.
   */
  public static List<FieldError> defaultViolations(
      JsonObject schema, JsonObject defaults, String field) {
    Validator.Result result = validator(schema).validate(SCHEMA, defaults);
    if (result.isValid()) {
      return List.of();
    }
    return errors(
        field,
        result.getErrors().stream()
            .filter(e -> !("required".equals(e.getKeyword()) && isRoot(e.getInstanceLocation())))
            .toList());
  }

  private static boolean isRoot(String pointer) {
    return pointer == null || pointer.isEmpty() || pointer.equals("/");
  }

  private static Validator validator(JsonObject schema) {
    Validator validator =
        new ValidatorFactory().withJsonNodeFactory(new JakartaJsonNode.Factory()).createValidator();
    validator.registerSchema(SCHEMA, schema);
    return validator;
  }

  private static List<FieldError> errors(String field, List<Error> errors) {
    List<FieldError> out = new ArrayList<>();
    for (Error error : errors) {
      FieldError e = new FieldError(field + path(error.getInstanceLocation()), error.getError());
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** A JSON pointer ({@code /a/0/b}) as a field path ({@code .a[0].b}). */
  static String path(String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      path.append(name.matches("\\d+") ? "[" + name + "]" : "." + name);
    }
    return path.toString();
  }
}
