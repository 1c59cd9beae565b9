package dev.runway.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.platform.entity.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

  private static FieldError refusal(Integer offset, Integer limit) {
    Executable page = () -> Paging.of(offset, limit);
    ProblemException problem = assertThrows(ProblemException.class, page);
    assertEquals(400, problem.status());
    assertEquals(1, problem.errors().size(), problem.errors().toString());
    return problem.errors().get(0);
  }

  @Test
  void withoutParametersThePageIsTheFirstFifty() {
    assertEquals(new Paging(0, 50), Paging.of(null, null));
  }

  @Test
  void givenValuesAreKept() {
    assertEquals(new Paging(120, 20), Paging.of(120, 20));
  }

  @Test
  void theLimitMayBeOneOrFiveHundred() {
    assertEquals(1, Paging.of(null, 1).limit());
    assertEquals(500, Paging.of(null, 500).limit());
  }

  @ParameterizedTest
  @ValueSource(ints = {501, 10_000, Integer.MAX_VALUE})
  void aLimitOverFiveHundredIsRefusedNotClamped(int limit) {
    FieldError error = refusal(0, limit);

    assertEquals("limit", error.field());
    assertEquals("must be between 1 and 500", error.message());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aLimitBelowOneIsRefused(int limit) {
    assertEquals("limit", refusal(0, limit).field());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void aNegativeOffsetIsRefused(int offset) {
    FieldError error = refusal(offset, 10);

    assertEquals("offset", error.field());
    assertEquals("must be at least 0", error.message());
  }

  @Test
  void aLargeOffsetIsAllowed() {
    assertEquals(Integer.MAX_VALUE, Paging.of(Integer.MAX_VALUE, null).offset());
  }

  @Test
  void anInvalidOffsetIsReportedBeforeTheLimit() {
    ProblemException problem = assertThrows(ProblemException.class, () -> Paging.of(-1, 0));

    assertEquals(List.of("offset"), problem.errors().stream().map(FieldError::field).toList());
  }
}
