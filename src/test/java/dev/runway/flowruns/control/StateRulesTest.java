package dev.runway.flowruns.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateRulesTest {

  private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

  private static State state(StateType type, String name) {
    return new State(type, name, null, AT);
  }

  private static State terminal(StateType type) {
    String name = type.name().charAt(0) + type.name().substring(1).toLowerCase();
    return state(type, name);
  }

  @ParameterizedTest
  @EnumSource(
      value = StateType.class,
      names = {"COMPLETED", "FAILED", "CANCELLED", "CRASHED"})
  void aTerminalStateIsNeverOverwrittenWithoutForce(StateType ended) {
    for (StateType proposed : StateType.values()) {
      Optional<String> refusal = StateRules.refusal(terminal(ended), proposed, false);

      assertTrue(refusal.isPresent(), ended + " -> " + proposed + " must be refused");
      assertTrue(refusal.get().contains("only force"), refusal.get());
    }
  }

  @Test
  void theRefusalOfATerminalChangeNamesTheStateTheRunEndedIn() {
    Optional<String> refusal =
        StateRules.refusal(state(StateType.FAILED, "TimedOut"), StateType.RUNNING, false);

    assertTrue(refusal.orElseThrow().contains("TimedOut"), refusal.get());
  }

  @ParameterizedTest
  @EnumSource(
      value = StateType.class,
      names = {"COMPLETED", "FAILED", "CANCELLED", "CRASHED"})
  void forceMayChangeATerminalStateToAnything(StateType ended) {
    for (StateType proposed : StateType.values()) {
      assertEquals(
          Optional.empty(),
          StateRules.refusal(terminal(ended), proposed, true),
          ended + " -> " + proposed + " with force");
    }
  }

  @Test
  void forceAlsoBypassesTheClaimAndStartRules() {
    assertEquals(
        Optional.empty(),
        StateRules.refusal(state(StateType.RUNNING, "Running"), StateType.PENDING, true));
    assertEquals(
        Optional.empty(),
        StateRules.refusal(state(StateType.SCHEDULED, "Scheduled"), StateType.RUNNING, true));
  }

  @Test
  void aScheduledRunCanBeClaimed() {
    assertEquals(
        Optional.empty(),
        StateRules.refusal(state(StateType.SCHEDULED, "Late"), StateType.PENDING, false));
  }

  @ParameterizedTest
  @EnumSource(
      value = StateType.class,
      names = {"PENDING", "RUNNING", "CANCELLING"})
  void pendingIsOnlyReachableFromScheduled(StateType from) {
    Optional<String> refusal =
        StateRules.refusal(state(from, from.name()), StateType.PENDING, false);

    assertTrue(refusal.isPresent(), from + " -> PENDING must be refused");
    assertTrue(refusal.get().contains("SCHEDULED"), refusal.get());
    assertTrue(refusal.get().contains(from.name()), refusal.get());
  }

  @Test
  void aPendingRunCanStartRunning() {
    assertEquals(
        Optional.empty(),
        StateRules.refusal(state(StateType.PENDING, "Pending"), StateType.RUNNING, false));
  }

  @ParameterizedTest
  @EnumSource(
      value = StateType.class,
      names = {"SCHEDULED", "RUNNING", "CANCELLING"})
  void runningIsOnlyReachableFromPending(StateType from) {
    Optional<String> refusal =
        StateRules.refusal(state(from, from.name()), StateType.RUNNING, false);

    assertTrue(refusal.isPresent(), from + " -> RUNNING must be refused");
    assertTrue(refusal.get().contains("PENDING"), refusal.get());
    assertTrue(refusal.get().contains(from.name()), refusal.get());
  }

  @ParameterizedTest
  @EnumSource(
      value = StateType.class,
      names = {"COMPLETED", "FAILED", "CANCELLED", "CRASHED", "CANCELLING"})
  void aRunningRunMayEndOrBeCancelled(StateType proposed) {
    State running = state(StateType.RUNNING, "Running");

    assertEquals(Optional.empty(), StateRules.refusal(running, proposed, false));
  }

  @Test
  void aRunningRunMayBeHandedBackForARetry() {
    assertEquals(
        Optional.empty(),
        StateRules.refusal(state(StateType.RUNNING, "Running"), StateType.SCHEDULED, false));
  }

  @ParameterizedTest
  @EnumSource(
      value = StateType.class,
      names = {"SCHEDULED", "PENDING"})
  void aRunThatHasNotStartedMayBeCancelledAtOnce(StateType from) {
    State notStarted = state(from, from.name());

    assertEquals(Optional.empty(), StateRules.refusal(notStarted, StateType.CANCELLED, false));
  }

  @Test
  void aCancellingRunMayBecomeCancelled() {
    assertEquals(
        Optional.empty(),
        StateRules.refusal(state(StateType.CANCELLING, "Cancelling"), StateType.CANCELLED, false));
  }
}
