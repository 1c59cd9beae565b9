package dev.runway.runner.control;

import dev.runway.processes.entity.RunLaunch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The store as the dispatcher sees it: the seam that lets its rules be tested without one. */
public interface ClaimableRuns {

  /** A run this node won, with everything needed to start it and when to. */
  record Claim(RunLaunch launch, Instant expectedStart) {}

  /** Ids of SCHEDULED runs expected by {@code horizon}, the longest-waiting first. */
  List<UUID> due(Instant horizon, int max);

  /**
   * SCHEDULED → PENDING for this node, in one go, for up to {@code max} of the runs due by {@code
   * horizon}, the longest-waiting first: the claims won, fewer when fewer are due or other nodes
   * won some. A failure claims none.
   */
  List<Claim> claimDue(Instant horizon, int max);

  /** SCHEDULED → PENDING for this node; empty when another node won or the run cannot run. */
  Optional<Claim> claim(UUID runId);

  /**
   * PENDING → SCHEDULED {@code AwaitingRetry}, expected at {@code expectedStart} as before: this
   * node claimed the run but will not run it.
   */
  void handBack(UUID runId, String reason, Instant expectedStart);
}
