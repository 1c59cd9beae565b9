package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.flowruns.entity.StateType;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessOutcomeTest {

  private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void exitZeroIsCompletedWithoutMessage() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(0, AT);

    assertEquals(StateType.COMPLETED, outcome.state().type());
    assertEquals("Completed", outcome.state().name());
    assertNull(outcome.state().message());
    assertEquals(AT, outcome.state().timestamp());
    assertEquals(0, outcome.exitCode());
  }

  @Test
  void nonZeroExitIsFailedWithTheCodeAndAnExplanation() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(3, AT);

    assertEquals(StateType.FAILED, outcome.state().type());
    assertEquals("Failed", outcome.state().name());
    assertEquals(3, outcome.exitCode());
    assertEquals(AT, outcome.state().timestamp());
    String message = outcome.state().message();
    assertTrue(message.startsWith("Process exited with status code 3. "), message);
    assertTrue(message.length() > "Process exited with status code 3. ".length(), message);
  }

  @Test
  void status126ExplainsTheProgramCouldNotBeExecuted() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(126, AT);

    assertEquals(StateType.FAILED, outcome.state().type());
    assertEquals(126, outcome.exitCode());
    String message = outcome.state().message();
    assertTrue(message.startsWith("Process exited with status code 126. "), message);
    assertTrue(message.contains("could not be executed"), message);
  }

  @Test
  void status127ExplainsTheProgramWasNotFound() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(127, AT);

    assertEquals(StateType.FAILED, outcome.state().type());
    assertEquals(127, outcome.exitCode());
    String message = outcome.state().message();
    assertTrue(message.startsWith("Process exited with status code 127. "), message);
    assertTrue(message.contains("not found"), message);
    assertTrue(message.contains("PATH"), message);
  }

  @Test
  void status137IsCrashedNamingSigkillAndTheLikelyCause() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(128 + 9, AT);

    assertEquals(StateType.CRASHED, outcome.state().type());
    assertEquals("Crashed", outcome.state().name());
    assertEquals(137, outcome.exitCode());
    String message = outcome.state().message();
    assertTrue(message.contains("SIGKILL"), message);
    assertTrue(message.contains("out-of-memory"), message);
    assertTrue(message.contains("137"), message);
  }

  @Test
  void status139IsCrashedNamingSigsegv() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(128 + 11, AT);

    assertEquals(StateType.CRASHED, outcome.state().type());
    assertTrue(outcome.state().message().contains("SIGSEGV"), outcome.state().message());
  }

  @Test
  void anUnnamedSignalIsCrashedWithItsNumber() {
    ProcessOutcome outcome = ProcessOutcome.ofExit(128 + 40, AT);

    assertEquals(StateType.CRASHED, outcome.state().type());
    assertTrue(outcome.state().message().contains("signal 40"), outcome.state().message());
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 128 + 65, 247, 255})
  void statusesOutsideTheSignalRangeAreFailedNotCrashed(int code) {
    ProcessOutcome outcome = ProcessOutcome.ofExit(code, AT);

    assertEquals(StateType.FAILED, outcome.state().type());
    assertEquals(code, outcome.exitCode());
    assertTrue(
        outcome.state().message().startsWith("Process exited with status code " + code + ". "),
        outcome.state().message());
  }

  @Test
  void notStartedIsCrashedWithTheReasonAndNoExitCode() {
    ProcessOutcome outcome = ProcessOutcome.notStarted("no such file: /opt/missing", AT);

    assertEquals(StateType.CRASHED, outcome.state().type());
    assertEquals("Crashed", outcome.state().name());
    assertEquals(
        "Process could not be started: no such file: /opt/missing", outcome.state().message());
    assertEquals(AT, outcome.state().timestamp());
    assertNull(outcome.exitCode());
  }
}
