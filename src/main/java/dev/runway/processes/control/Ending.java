package dev.runway.processes.control;

import java.time.Duration;

/**
 * Why the supervisor is ending a run's process tree, and how far it got: SIGTERM first, SIGKILL
 * once the grace has passed. The first reason given wins: a run being cancelled stays cancelled
 * even if the node then shuts down.
 */
final class Ending {

  /** What asked for the end; it decides the run's final state. */
  enum Reason {
    /** An operator cancelled the run: CANCELLED. */
    CANCEL,
    /** The run outlived its deployment's timeoutSeconds: FAILED {@code TimedOut}. */
    TIMEOUT,
    /** This node is going away: SCHEDULED {@code AwaitingRetry}, for any node to run again. */
    SHUTDOWN
  }

  private final Reason reason;
  private final String message;
  private final Duration grace;
  private long terminatedAt;
  private boolean killed;

  Ending(Reason reason, String message, Duration grace) {
    this.reason = reason;
    this.message = message;
    this.grace = grace;
  }

  Reason reason() {
    return reason;
  }

  String message() {
    return message;
  }

  Duration grace() {
    return grace;
  }

  /** Sends SIGTERM once; true the first time. */
  synchronized boolean terminate(LaunchedProcess process, long nowNanos) {
    if (terminatedAt != 0) {
      return false;
    }
    terminatedAt = nowNanos == 0 ? 1 : nowNanos;
    process.terminateTree();
    return true;
  }

  /** Sends SIGKILL once the grace after SIGTERM has passed; true when it did. */
  synchronized boolean killIfGraceOver(LaunchedProcess process, long nowNanos) {
    if (terminatedAt == 0 || killed || nowNanos - terminatedAt < grace.toNanos()) {
      return false;
    }
    killed = true;
    process.destroyTree();
    return true;
  }
}
