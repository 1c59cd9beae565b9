package dev.runway.processes.control;

import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateType;
import java.time.Instant;

/**
 * How a run's process ended, as the run's final state (spec §3's outcome table) and exit status. On
 * Linux a process killed by signal N reports status 128 + N; Runway reads such a status as a kill
 * it did not ask for, hence CRASHED, since its own kills are settled before this mapping.
 */
public record ProcessOutcome(State state, Integer exitCode) {

  static final int SIGNAL_BASE = 128;
  static final int HIGHEST_SIGNAL = 64;

  public static ProcessOutcome notStarted(String reason, Instant at) {
    return new ProcessOutcome(State.crashed("Process could not be started: " + reason, at), null);
  }

  /** The runner ended the process because the run was cancelled. */
  public static ProcessOutcome cancelled(String message, int code, Instant at) {
    return new ProcessOutcome(new State(StateType.CANCELLED, "Cancelled", message, at), code);
  }

  /** The runner ended the process because it ran longer than its deployment allows. */
  public static ProcessOutcome timedOut(int seconds, int code, Instant at) {
    String message = "Process ran longer than the deployment's timeout of " + seconds + "s";
    return new ProcessOutcome(new State(StateType.FAILED, "TimedOut", message, at), code);
  }

  public static ProcessOutcome ofExit(int code, Instant at) {
    if (code == 0) {
      return new ProcessOutcome(new State(StateType.COMPLETED, "Completed", null, at), 0);
    }
    if (code > SIGNAL_BASE && code <= SIGNAL_BASE + HIGHEST_SIGNAL) {
      String message =
          "Process was killed by "
              + Signals.describe(code - SIGNAL_BASE)
              + " (status code "
              + code
              + ")";
      return new ProcessOutcome(State.crashed(message, at), code);
    }
    String message = "Process exited with status code " + code + ". " + ExitCodes.explain(code);
    return new ProcessOutcome(new State(StateType.FAILED, "Failed", message, at), code);
  }
}
