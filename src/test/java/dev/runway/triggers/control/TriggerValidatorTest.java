package dev.runway.triggers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.platform.control.Json;
import dev.runway.platform.entity.FieldError;
import dev.runway.triggers.entity.TriggerRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerValidatorTest {

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aTriggerWithUpstreamStatesAndUpstreamPlaceholdersPasses() {
    TriggerRequest trigger =
        TriggerRequest.after("etl/load", "COMPLETED", "FAILED")
            .withParameters(Json.object("{\"after\":\"{{ upstream.id }}\"}"));

    assertEquals(List.of(), TriggerValidator.check(List.of(trigger)));
  }

  @Test
  void noTriggersAtAllPass() {
    assertEquals(List.of(), TriggerValidator.check(null));
    assertEquals(List.of(), TriggerValidator.check(List.of()));
  }

  @Test
  void aMissingUpstreamIsRefusedWithItsIndex() {
    List<FieldError> errors =
        TriggerValidator.check(
            List.of(
                TriggerRequest.after("etl/a", "COMPLETED"),
                TriggerRequest.after(" ", "COMPLETED")));

    assertEquals(List.of("triggers[1].afterDeployment"), fields(errors));
    assertTrue(errors.get(0).message().contains("required"), errors.get(0).message());
  }

  @Test
  void missingOrEmptyStatesAreRefused() {
    List<FieldError> errors =
        TriggerValidator.check(
            List.of(new TriggerRequest("etl/a", null, null), TriggerRequest.after("etl/a")));

    assertEquals(List.of("triggers[0].onStates", "triggers[1].onStates"), fields(errors));
  }

  @Test
  void anUnknownStateIsRefusedListingTheTypes() {
    List<FieldError> errors =
        TriggerValidator.check(
            List.of(
                new TriggerRequest("etl/a", Arrays.asList("COMPLETED", "Completed", null), null)));

    assertEquals(List.of("triggers[0].onStates[1]", "triggers[0].onStates[2]"), fields(errors));
    assertTrue(errors.get(0).message().contains("CRASHED"), errors.get(0).message());
  }

  @Test
  void anUnknownUpstreamPlaceholderIsRefusedNamingTheParameter() {
    TriggerRequest trigger =
        TriggerRequest.after("etl/a", "COMPLETED")
            .withParameters(
                Json.object("{\"ok\":\"{{ upstream.id }}\",\"bad\":\"{{ upstream.name }}\"}"));

    List<FieldError> errors = TriggerValidator.check(List.of(trigger));

    assertEquals(List.of("triggers[0].parameters.bad"), fields(errors));
  }

  @Test
  void aNullTriggerIsRefused() {
    assertEquals(
        List.of("triggers[0]"),
        fields(TriggerValidator.check(Arrays.asList((TriggerRequest) null))));
  }
}
