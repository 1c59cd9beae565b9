package dev.runway.deployments.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.platform.control.Json;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.triggers.entity.TriggerRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentValidatorTest {

  private static final List<String> COMMAND = List.of("/usr/bin/echo", "hi");

  /** A request with every field set to a valid value; tests spoil one field at a time. */
  private static Builder valid() {
    return new Builder();
  }

  private static final class Builder {
    String name = "nightly";
    String flowName = "etl";
    List<String> command = COMMAND;
    String workingDirectory = "/srv/etl";
    Map<String, String> env = Map.of("MODE", "batch");
    Integer concurrencyLimit = 2;
    String collisionStrategy = "ENQUEUE";
    Integer retries = 3;
    Integer retryDelaySeconds = 10;
    Integer timeoutSeconds = 60;
    List<TriggerRequest> triggers = null;
    List<String> tags = List.of("prod");
    String description = "loads the warehouse";
    String version = "1.0";

    DeploymentRequest build() {
      return new DeploymentRequest(
          name,
          flowName,
          command,
          workingDirectory,
          env,
          null,
          null,
          null,
          null,
          null,
          concurrencyLimit,
          collisionStrategy,
          retries,
          retryDelaySeconds,
          timeoutSeconds,
          triggers,
          tags,
          description,
          version);
    }
  }

  private static List<FieldError> errors(DeploymentRequest request) {
    ProblemException problem =
        assertThrows(ProblemException.class, () -> DeploymentValidator.check(request));
    assertEquals(400, problem.status());
    return problem.errors();
  }

  private static FieldError onlyError(DeploymentRequest request) {
    List<FieldError> errors = errors(request);
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aFullyValidRequestPasses() {
    assertDoesNotThrow(() -> DeploymentValidator.check(valid().build()));
  }

  @Test
  void theSmallestRequestPasses() {
    assertDoesNotThrow(
        () -> DeploymentValidator.check(DeploymentRequest.of("etl", "nightly", COMMAND)));
  }

  @Test
  void aMissingBodyIsRefused() {
    FieldError error = onlyError(null);

    assertEquals("body", error.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "50%", "/leading", "%2F"})
  void aNameWithSlashOrPercentIsRefused(String name) {
    Builder request = valid();
    request.name = name;

    FieldError error = onlyError(request.build());

    assertEquals("name", error.field());
    assertTrue(error.message().contains("'/'"), error.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "50%"})
  void aFlowNameWithSlashOrPercentIsRefused(String flowName) {
    Builder request = valid();
    request.flowName = flowName;

    assertEquals("flowName", onlyError(request.build()).field());
  }

  @Test
  void aNameOfAHundredCharactersPassesAndOneMoreIsRefused() {
    Builder request = valid();
    request.name = "n".repeat(100);
    assertDoesNotThrow(() -> DeploymentValidator.check(request.build()));

    request.name = "n".repeat(101);
    FieldError error = onlyError(request.build());

    assertEquals("name", error.field());
    assertTrue(error.message().contains("100"), error.message());
  }

  @Test
  void aFlowNameOverAHundredCharactersIsRefused() {
    Builder request = valid();
    request.flowName = "f".repeat(101);

    assertEquals("flowName", onlyError(request.build()).field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void aBlankNameIsRefused(String blank) {
    Builder request = valid();
    request.name = blank;

    FieldError error = onlyError(request.build());

    assertEquals("name", error.field());
    assertTrue(error.message().contains("required"), error.message());
  }

  @Test
  void aMissingNameAndFlowNameAreBothRefused() {
    Builder request = valid();
    request.name = null;
    request.flowName = null;

    assertEquals(List.of("name", "flowName"), fields(errors(request.build())));
  }

  @Test
  void aMissingCommandIsRefused() {
    Builder request = valid();
    request.command = null;

    FieldError error = onlyError(request.build());

    assertEquals("command", error.field());
    assertTrue(error.message().contains("required"), error.message());
  }

  @Test
  void anEmptyCommandIsRefused() {
    Builder request = valid();
    request.command = List.of();

    assertEquals("command", onlyError(request.build()).field());
  }

  @Test
  void aNullCommandElementIsRefusedWithItsIndex() {
    Builder request = valid();
    request.command = Arrays.asList("/usr/bin/echo", null, "x", null);

    List<FieldError> errors = errors(request.build());

    assertEquals(List.of("command[1]", "command[3]"), fields(errors));
    assertTrue(errors.get(0).message().contains("null"), errors.get(0).message());
  }

  @Test
  void aNullProgramIsRefusedOnceAsNull() {
    Builder request = valid();
    request.command = Arrays.asList((String) null);

    assertEquals("command[0]", onlyError(request.build()).field());
  }

  @Test
  void aBlankProgramIsRefused() {
    Builder request = valid();
    request.command = List.of(" ", "arg");

    FieldError error = onlyError(request.build());

    assertEquals("command[0]", error.field());
  }

  @Test
  void blankArgumentsAfterTheProgramAreAllowed() {
    Builder request = valid();
    request.command = List.of("/usr/bin/printf", "");

    assertDoesNotThrow(() -> DeploymentValidator.check(request.build()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"enqueue", "CANCEL", "", "REPLACE"})
  void anUnknownCollisionStrategyIsRefusedListingTheValidOnes(String strategy) {
    Builder request = valid();
    request.collisionStrategy = strategy;

    FieldError error = onlyError(request.build());

    assertEquals("collisionStrategy", error.field());
    assertTrue(error.message().contains("ENQUEUE"), error.message());
    assertTrue(error.message().contains("CANCEL_NEW"), error.message());
  }

  @Test
  void cancelNewIsAValidCollisionStrategy() {
    Builder request = valid();
    request.collisionStrategy = "CANCEL_NEW";

    assertDoesNotThrow(() -> DeploymentValidator.check(request.build()));
  }

  @Test
  void negativeRetriesAreRefusedAndZeroAllowed() {
    Builder request = valid();
    request.retries = 0;
    assertDoesNotThrow(() -> DeploymentValidator.check(request.build()));

    request.retries = -1;
    FieldError error = onlyError(request.build());

    assertEquals("retries", error.field());
    assertTrue(error.message().contains("at least 0"), error.message());
  }

  @Test
  void negativeRetryDelayIsRefused() {
    Builder request = valid();
    request.retryDelaySeconds = -5;

    assertEquals("retryDelaySeconds", onlyError(request.build()).field());
  }

  @Test
  void aConcurrencyLimitBelowOneIsRefused() {
    Builder request = valid();
    request.concurrencyLimit = 0;

    assertEquals("concurrencyLimit", onlyError(request.build()).field());
  }

  @Test
  void aTimeoutBelowOneSecondIsRefused() {
    Builder request = valid();
    request.timeoutSeconds = 0;

    assertEquals("timeoutSeconds", onlyError(request.build()).field());
  }

  @Test
  void aBlankWorkingDirectoryIsRefused() {
    Builder request = valid();
    request.workingDirectory = "  ";

    assertEquals("workingDirectory", onlyError(request.build()).field());
  }

  @Test
  void invalidEnvNamesAndNullValuesAreRefusedByKey() {
    Map<String, String> env = new HashMap<>();
    env.put("A=B", "x");
    env.put("NULLED", null);
    Builder request = valid();
    request.env = env;

    List<String> fields = fields(errors(request.build()));

    assertEquals(2, fields.size(), fields.toString());
    assertTrue(fields.contains("env.A=B"), fields.toString());
    assertTrue(fields.contains("env.NULLED"), fields.toString());
  }

  @Test
  void aNullTagIsRefusedWithItsIndex() {
    Builder request = valid();
    request.tags = Arrays.asList("a", null);

    assertEquals("tags[1]", onlyError(request.build()).field());
  }

  @Test
  void overLongDescriptionAndVersionAreRefused() {
    Builder request = valid();
    request.description = "d".repeat(10_001);
    request.version = "v".repeat(201);

    assertEquals(List.of("description", "version"), fields(errors(request.build())));
  }

  @Test
  void everyInvalidFieldIsReportedAtOnceWithItsName() {
    Builder request = valid();
    request.name = "a/b";
    request.flowName = " ";
    request.command = Arrays.asList("/bin/x", null);
    request.collisionStrategy = "SOMETIMES";
    request.retries = -1;
    request.tags = Arrays.asList((String) null);

    ProblemException problem =
        assertThrows(ProblemException.class, () -> DeploymentValidator.check(request.build()));

    assertEquals(400, problem.status());
    List<String> expected =
        List.of("name", "flowName", "command[1]", "collisionStrategy", "retries", "tags[0]");
    assertEquals(expected, fields(problem.errors()));
    assertTrue(problem.getMessage().contains("6 fields are invalid"), problem.getMessage());
  }

  @Test
  void aSingleErrorIsAlsoTheProblemsDetail() {
    Builder request = valid();
    request.retries = -1;

    ProblemException problem =
        assertThrows(ProblemException.class, () -> DeploymentValidator.check(request.build()));

    assertEquals("retries: must be at least 0", problem.getMessage());
  }

  @Test
  void anInvalidTriggerIsRefusedWithItsField() {
    Builder request = valid();
    request.triggers = List.of(TriggerRequest.after("", "DONE"));

    assertEquals(
        List.of("triggers[0].afterDeployment", "triggers[0].onStates[0]"),
        fields(errors(request.build())));
  }

  @Test
  void triggerParametersMustGiveTheCommandsPlaceholdersAValue() {
    Builder request = valid();
    request.command = List.of("/bin/echo", "{{ parameters.who }}");
    request.triggers = List.of(TriggerRequest.after("etl/load", "COMPLETED"));

    ProblemException problem =
        assertThrows(ProblemException.class, () -> DeploymentValidator.check(request.build()));

    assertEquals(422, problem.status());
    assertEquals(List.of("triggers[0].parameters.who"), fields(problem.errors()));
  }

  @Test
  void aTriggerParameterTakenFromTheUpstreamRunCountsAsGiven() {
    Builder request = valid();
    request.command = List.of("/bin/echo", "{{ parameters.who }}");
    request.triggers =
        List.of(
            TriggerRequest.after("etl/load", "COMPLETED")
                .withParameters(Json.object("{\"who\":\"{{ upstream.parameters.who }}\"}")));

    assertDoesNotThrow(() -> DeploymentValidator.check(request.build()));
  }
}
