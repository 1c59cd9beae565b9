package dev.runway.runner.control;

import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.control.LogStore;
import dev.runway.flowruns.entity.LogLine;
import dev.runway.processes.control.ProcessOutcome;
import dev.runway.processes.control.RunRecorder;
import dev.runway.processes.entity.OutputLine;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records what supervised processes do in the store, each call its own transaction. An EJB with
 * {@code @EJB} references so that, when Runway is undeployed, the store's beans stay up until the
 * runner (which depends on this bean) has handed its running runs back.
 */
@Singleton
@DependsOn({"FlowRuns", "LogStore"})
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StoreRecorder implements RunRecorder {

  @EJB FlowRuns flowRuns;

  @EJB LogStore logs;

  @Override
  public boolean started(UUID runId, long pid, Instant processStart, Instant startedAt) {
    return flowRuns.started(runId, pid, processStart, startedAt).isPresent();
  }

  @Override
  public void output(UUID runId, int attempt, List<OutputLine> lines) {
    logs.append(
        lines.stream()
            .map(l -> new LogLine(runId, l.seq(), l.at(), l.stream(), l.text()).ofAttempt(attempt))
            .toList());
  }

  @Override
  public boolean finished(UUID runId, ProcessOutcome outcome, String result) {
    return flowRuns.finished(runId, outcome.state(), outcome.exitCode(), result).isPresent();
  }

  @Override
  public void rescheduled(UUID runId, String reason) {
    flowRuns.rescheduled(runId, reason);
  }
}
