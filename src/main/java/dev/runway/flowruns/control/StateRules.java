package dev.runway.flowruns.control;

import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateType;
import java.util.Optional;

/**
 * The one place that says which state changes are allowed (spec §3). The store applies a change
 * only after asking here, under a row lock, so two actors can never both win.
 */
public final class StateRules {

  private StateRules() {}

  /** Why {@code proposed} may not follow {@code current}, or empty when it may. */
  public static Optional<String> refusal(State current, StateType proposed, boolean force) {
    if (force) {
      return Optional.empty();
    }
    StateType from = current.type();
    if (from.isTerminal()) {
      return Optional.of("the run already ended " + current.name() + "; only force may change it");
    }
    if (proposed == StateType.PENDING && from != StateType.SCHEDULED) {
      return Optional.of("only a SCHEDULED run can be claimed; it is " + from);
    }
    if (proposed == StateType.RUNNING && from != StateType.PENDING) {
      return Optional.of("only a PENDING run can start running; it is " + from);
    }
    return Optional.empty();
  }
}
