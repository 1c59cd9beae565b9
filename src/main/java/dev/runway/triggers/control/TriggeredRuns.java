package dev.runway.triggers.control;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.Deployment;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.RunRequest;
import dev.runway.platform.control.Json;
import dev.runway.triggers.entity.Firing;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The store's side of triggers: which fire for a committed state change, and the run each makes.
 * Each method is a transaction of its own, so one trigger that cannot make its run (a deployment
 * gone, parameters refused) leaves the others' runs made.
 *
 * <p>A singleton without state or locks, as {@code FlowRuns} and {@code Deployments} are.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TriggeredRuns {

  @Inject Deployments deployments;

  @Inject FlowRuns flowRuns;

  /** The triggers the change fires, their parameters filled; empty when none does. */
  public List<Firing> firings(FlowRunStateChanged change) {
    if (!Firings.entersType(change) || change.deploymentId() == null) {
      return List.of(); // a bundle's run has no deployment for a trigger to name
    }
    List<Deployment> downstream = deployments.downstreamOf(change.deploymentId());
    if (downstream.isEmpty()) {
      return List.of();
    }
    return flowRuns
        .find(change.flowRunId())
        .map(run -> Firings.of(change, Json.object(run.getParameters()), downstream))
        .orElse(List.of());
  }

  /**
   * The run the firing asks for, due now; the run made earlier for the same firing when the event
   * came twice. Parameters the deployment refuses are a 422 problem, and nothing is stored.
   */
  public FlowRun fire(Firing firing) {
    RunRequest request = new RunRequest(firing.parameters(), null, firing.idempotencyKey(), null);
    return flowRuns.create(firing.deploymentId(), request, firing.upstreamRunId()).run();
  }
}
