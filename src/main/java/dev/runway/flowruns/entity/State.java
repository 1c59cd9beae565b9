package dev.runway.flowruns.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/** A run's state as the API shows it: a type, a more precise name, why, and since when. */
@JsonbPropertyOrder({"type", "name", "message", "timestamp"})
public record State(StateType type, String name, String message, Instant timestamp) {

  public static State scheduled(Instant at) {
    return new State(StateType.SCHEDULED, "Scheduled", null, at);
  }

  /** Still waiting for a slot or a node well past its expected start. */
  public static State late(Instant at, Instant expectedStart) {
    return new State(
        StateType.SCHEDULED,
        "Late",
        "Not started " + Duration.between(expectedStart, at).toSeconds() + "s after it was due",
        at);
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
