package dev.runway.flowruns.control;

import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateRequest;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.ProblemException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/** Turns a proposed state into a {@link State}, refusing what is not one. */
public final class StateRequests {

  private StateRequests() {}

  public static State toState(StateRequest request, Instant at) {
    if (request == null || request.type() == null) {
      throw ProblemException.invalid(
          "type", "is required: one of " + Arrays.toString(StateType.values()));
    }
    StateType type;
    try {
      type = StateType.valueOf(request.type());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(
          "type", "must be one of " + Arrays.toString(StateType.values()));
    }
    String name = request.name() == null ? defaultName(type) : request.name();
    if (name.isBlank() || name.length() > 40) {
      throw ProblemException.invalid("name", "must be 1 to 40 characters");
    }
    if (request.message() != null && request.message().length() > 10_000) {
      throw ProblemException.invalid("message", "must be at most 10000 characters");
    }
    return new State(type, name, request.message(), at);
  }

  /** COMPLETED → Completed. */
  static String defaultName(StateType type) {
    String lower = type.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
