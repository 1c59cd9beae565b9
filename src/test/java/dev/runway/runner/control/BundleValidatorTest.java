package dev.runway.runner.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.runner.entity.Bundle;
import jakarta.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleValidatorTest {

  @Test
  void anAbsoluteProgramWithItsArgumentsIsValid() {
    assertDoesNotThrow(
        () ->
            BundleValidator.check(
                Bundle.of(List.of("/bin/sh", "-c", "echo hi"), "/tmp", Map.of("A", "b"))));
  }

  @Test
  void everyInvalidFieldIsNamedAtOnce() {
    Bundle bundle = Bundle.of(List.of("sh", "-c", "true"), "work/../etc", Map.of("A=B", "x"));

    ProblemException e = assertThrows(ProblemException.class, () -> BundleValidator.check(bundle));

    assertEquals(400, e.status());
    assertEquals(
        List.of("command[0]", "workingDirectory", "env.A=B"),
        e.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void aProgramThatClimbsOutWithDotDotIsRefused() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> BundleValidator.check(Bundle.of(List.of("/opt/../bin/sh"), null, null)));

    assertEquals(List.of(new FieldError("command[0]", "must not contain '..'")), e.errors());
  }

  @Test
  void aMissingOrEmptyCommandIsRefused() {
    assertEquals(
        "command",
        assertThrows(
                ProblemException.class, () -> BundleValidator.check(Bundle.of(null, null, null)))
            .errors()
            .get(0)
            .field());
    assertEquals(
        "command[1]",
        assertThrows(
                ProblemException.class,
                () ->
                    BundleValidator.check(Bundle.of(Arrays.asList("/bin/echo", null), null, null)))
            .errors()
            .get(0)
            .field());
  }

  @Test
  void aPlaceholderWithoutItsParameterIs422() {
    Bundle bundle =
        new Bundle(
            List.of("/bin/echo", "{{ parameters.who }}"),
            null,
            null,
            Json.createObjectBuilder().add("other", 1).build());

    ProblemException e = assertThrows(ProblemException.class, () -> BundleValidator.check(bundle));

    assertEquals(422, e.status());
    assertEquals("parameters.who", e.errors().get(0).field());
  }

  @Test
  void noBodyIsRefused() {
    assertEquals(
        400, assertThrows(ProblemException.class, () -> BundleValidator.check(null)).status());
  }
}
