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
import java.util.ArrayList;
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

  /**
   * The triggers the changes fire, in the order of the changes, their parameters filled; empty when
   * none does. The deployments with triggers are read once for all the changes.
   */
  public List<Firing> firings(List<FlowRunStateChanged> changes) {
    List<FlowRunStateChanged> relevant =
        changes.stream()
            // a bundle's run has no deployment for a trigger to name
            .filter(change -> Firings.entersType(change) && change.deploymentId() != null)
            .toList();
    if (relevant.isEmpty()) {
      return List.of();
    }
    List<Deployment> withTriggers = deployments.withTriggers();
    if (withTriggers.isEmpty()) {
      return List.of();
    }
    List<Firing> firings = new ArrayList<>();
    for (FlowRunStateChanged change : relevant) {
      List<Deployment> downstream =
          StoredTriggers.downstreamOf(change.deploymentId(), withTriggers);
      if (!downstream.isEmpty()) {
        flowRuns
            .find(change.flowRunId())
            .map(run -> Firings.of(change, Json.object(run.getParameters()), downstream))
            .ifPresent(firings::addAll);
      }
    }
    return firings;
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
