package dev.runway.flowruns.entity;

/** The types of spec §3. A run in a terminal type has ended and is never restarted implicitly. */
public enum StateType {
  SCHEDULED,
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  CRASHED,
  CANCELLING;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == CRASHED;
  }
}
