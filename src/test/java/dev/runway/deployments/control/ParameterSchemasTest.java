package dev.runway.deployments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.platform.entity.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSchemasTest {

  private static final JsonObject SCHEMA =
      json(
          "{\"type\":\"object\",\"required\":[\"target\"],\"properties\":{"
              + "\"target\":{\"type\":\"string\",\"minLength\":1},"
              + "\"retries\":{\"type\":\"integer\",\"minimum\":0},"
              + "\"hosts\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
              + "\"additionalProperties\":false}");

  @Test
  void conformingParametersHaveNoViolation() {
    assertEquals(
        List.of(),
        ParameterSchemas.violations(
            SCHEMA, json("{\"target\":\"db\",\"retries\":2,\"hosts\":[\"a\"]}"), "parameters"));
  }

  @Test
  void everyViolationIsListedWithThePathOfItsValue() {
    List<FieldError> violations =
        ParameterSchemas.violations(
            SCHEMA, json("{\"retries\":-1,\"hosts\":[\"a\",7],\"extra\":true}"), "parameters");

    List<String> fields = violations.stream().map(FieldError::field).toList();
    assertTrue(fields.contains("parameters"), violations.toString()); // target is required
    assertTrue(fields.contains("parameters.retries"), violations.toString());
    assertTrue(fields.contains("parameters.hosts[1]"), violations.toString());
    assertTrue(
        violations.stream().anyMatch(v -> v.message().contains("target")), violations.toString());
    violations.forEach(v -> assertFalse(v.message().isBlank(), v.toString()));
  }

  @Test
  void defaultsMayLeaveARequiredParameterToTheRuns() {
    assertEquals(
        List.of(), ParameterSchemas.defaultViolations(SCHEMA, json("{\"retries\":1}"), "p"));
  }

  @Test
  void defaultsOfTheWrongTypeViolateTheSchema() {
    List<FieldError> violations =
        ParameterSchemas.defaultViolations(SCHEMA, json("{\"retries\":\"many\"}"), "p");

    assertEquals(List.of("p.retries"), violations.stream().map(FieldError::field).toList());
  }

  @Test
  void aSchemaThatIsNotJsonSchemaIsNamed() {
    List<FieldError> problems =
        ParameterSchemas.problems(json("{\"type\":\"no-such-type\"}"), "parameterSchema");

    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).field().startsWith("parameterSchema"), problems.toString());
  }

  @Test
  void aValidSchemaHasNoProblem() {
    assertEquals(List.of(), ParameterSchemas.problems(SCHEMA, "parameterSchema"));
  }

  @Test
  void aRemoteReferenceIsNotFetched() {
    JsonObject schema = json("{\"$ref\":\"http://203.0.113.1/schema.json\"}");

    List<FieldError> problems = ParameterSchemas.problems(schema, "parameterSchema");
    List<FieldError> violations =
        problems.isEmpty()
            ? ParameterSchemas.violations(schema, json("{}"), "parameters")
            : problems;

    assertFalse(violations.isEmpty(), "an unresolvable $ref must not pass silently");
  }

  @Test
  void pointersBecomeFieldPaths() {
    assertEquals("", ParameterSchemas.path(""));
    assertEquals(".a[0].b/c", ParameterSchemas.path("/a/0/b~1c"));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
