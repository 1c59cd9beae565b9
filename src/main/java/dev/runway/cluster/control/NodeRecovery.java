package dev.runway.cluster.control;

import dev.runway.cluster.entity.NodeLost;
import dev.runway.cluster.entity.RunnerNode;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.StateType;
import dev.runway.processes.control.ProcessTree;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ends the runs of nodes that are gone, so that no run stays RUNNING for ever: those of a node
 * silent longer than {@code runway.node-lost-after-seconds}, found by any live node, and those this
 * node itself held before it was killed, found when it starts again. They end CRASHED and their
 * retries apply. Each run is ended in its own transaction: one that fails is tried again on the
 * next pass, the others are not held up.
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeRecovery {

  private static final Logger LOG = System.getLogger(NodeRecovery.class.getName());
  private static final Set<StateType> LIVE =
      Set.of(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING);

  @EJB Nodes nodes;
  @EJB FlowRuns flowRuns;
  @Inject Clock clock;
  @Inject Event<NodeLost> nodeLost;

  /** Ends the runs of every node but {@code self} silent for {@code lostAfter}; how many. */
  public int recoverLostNodes(String self, Duration lostAfter) {
    Instant now = clock.instant();
    Instant since = now.minus(lostAfter);
    int ended = 0;
    for (RunnerNode node : nodes.silentSince(since)) {
      if (node.getName().equals(self)) {
        continue;
      }
      String message =
          "runner node lost: "
              + node.getName()
              + " has not sent a heartbeat since "
              + node.getHeartbeatAt();
      List<UUID> runs = endAll(flowRuns.heldBy(node.getName()), message);
      ended += runs.size();
      if (nodes.markLost(node.getName(), since, now)) {
        LOG.log(
            Level.WARNING,
            "Node {0} is lost (last heartbeat {1}); {2} of its runs ended CRASHED or retried",
            node.getName(),
            node.getHeartbeatAt(),
            runs.size());
        nodeLost.fire(new NodeLost(node.getName(), node.getHeartbeatAt(), self, runs));
      }
    }
    return ended;
  }

  /**
   * Ends the runs {@code self} held before it stopped without handing them back (killed, power
   * lost): their processes, if they outlived the server, are killed first. How many.
   */
  public int recoverOwnRuns(String self) {
    List<UUID> held = flowRuns.heldBy(self);
    for (UUID id : held) {
      flowRuns.find(id).ifPresent(NodeRecovery::killLeftovers);
    }
    List<UUID> ended =
        endAll(held, "runner node " + self + " stopped without ending the run and started again");
    if (!ended.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "Node {0} started again and found {1} runs it held; they ended CRASHED or retried",
          self,
          ended.size());
    }
    killOrphans();
    return ended.size();
  }

  /**
   * Kills the processes of this host whose run no node holds any more: left by a server killed
   * meanwhile (its runs ended by another node as lost), or by a process that exited leaving
   * children behind. A run held by a node, maybe another one on this host, keeps its processes, and
   * so does a run this store does not know (another Runway's on the same host).
   */
  private void killOrphans() {
    ProcessTree.markedByRun()
        .forEach(
            (runId, processes) -> {
              boolean orphaned =
                  flowRuns.find(runId).map(r -> !LIVE.contains(r.getStateType())).orElse(false);
              if (orphaned) {
                processes.forEach(ProcessHandle::destroyForcibly);
                LOG.log(
                    Level.WARNING,
                    "{0} processes of run {1}, which no node holds, were still running; killed",
                    processes.size(),
                    runId);
              }
            });
  }

  private static void killLeftovers(FlowRun run) {
    int killed = ProcessTree.ofRun(run.getId(), run.getPid(), run.getProcessStartedAt()).kill();
    if (killed > 0) {
      LOG.log(
          Level.WARNING,
          "Run {0}: {1} processes left from before the restart killed",
          run.getId(),
          killed);
    }
  }

  private List<UUID> endAll(List<UUID> runs, String message) {
    List<UUID> ended = new ArrayList<>();
    for (UUID id : runs) {
      try {
        flowRuns.crashed(id, message).ifPresent(run -> ended.add(id));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Run {0} not ended yet, will try again: {1}", id, e.toString());
      }
    }
    return ended;
  }
}
