package dev.runway.flowruns.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A run's state as the API shows it: a type, a more precise name, why, and since when. */
@JsonbPropertyOrder({"type", "name", "message", "timestamp"})
public record State(StateType type, String name, String message, Instant timestamp) {

  public static State scheduled(Instant at) {
    return new State(StateType.SCHEDULED, "Scheduled", null, at);
  }

  public static State pending(Instant at) {
    return new State(StateType.PENDING, "Pending", null, at);
  }

  public static State running(Instant at) {
    return new State(StateType.RUNNING, "Running", null, at);
  }

  public static State crashed(String message, Instant at) {
    return new State(StateType.CRASHED, "Crashed", message, at);
  }

  public State at(Instant timestamp) {
    return new State(type, name, message, timestamp);
  }
}
