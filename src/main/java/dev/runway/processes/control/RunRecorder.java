package dev.runway.processes.control;

import dev.runway.processes.entity.OutputLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where the supervisor records what a run's process does: the store in production. */
public interface RunRecorder {

  /**
   * The process exists since {@code startedAt} (when its launch returned; {@code processStart} is
   * the system's own start time of the pid, which identifies it); false when the run may no longer
   * run (it was cancelled meanwhile).
   */
  boolean started(UUID runId, long pid, Instant processStart, Instant startedAt);

  /** Lines the process wrote during {@code attempt}, the run's count of attempts when it ran. */
  void output(UUID runId, int attempt, List<OutputLine> lines);

  /**
   * The run's end; {@code result} is the JSON the process left in its result file, or null. False
   * when the run had already ended otherwise (its process reported a state itself).
   */
  boolean finished(UUID runId, ProcessOutcome outcome, String result);

  /** The process was killed because this node is shutting down: the run is to run again. */
  void rescheduled(UUID runId, String reason);
}
