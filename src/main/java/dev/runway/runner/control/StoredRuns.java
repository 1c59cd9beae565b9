package dev.runway.runner.control;

import dev.runway.deployments.control.Deployments;
import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.control.LogStore;
import dev.runway.flowruns.control.RunTokens;
import dev.runway.flowruns.entity.ClaimedRun;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.processes.control.ProcessOutcome;
import dev.runway.processes.entity.RunLaunch;
import dev.runway.runner.entity.Bundle;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link ClaimableRuns} over the store; each call is its own transaction. An EJB with {@code @EJB}
 * references for the same reason as {@link StoreRecorder}: they outlive the runner's shutdown.
 */
@Singleton
@DependsOn({"FlowRuns", "Deployments", "LogStore", "StoreRecorder"})
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StoredRuns implements ClaimableRuns {

  @Inject RunnerSettings settings;
  @Inject Clock clock;
  @EJB FlowRuns flowRuns;
  @EJB Deployments deployments;
  @EJB LogStore logs;
  @EJB StoreRecorder recorder;

  @Override
  public List<UUID> due(Instant horizon, int max) {
    return flowRuns.due(horizon, max);
  }

  /**
   * A claimed run whose deployment was deleted meanwhile ends CRASHED here. A bundle's run, handed
   * back after it was started here, runs again from its own command on whichever node claims it.
   */
  @Override
  public Optional<Claim> claim(UUID runId) {
    RunTokens.Token token = RunTokens.issue();
    Optional<FlowRun> claimed = flowRuns.claim(runId, settings.name(), token.hash());
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    FlowRun run = claimed.get();
    if (run.isBundle()) {
      RunLaunch launch = Launches.ofBundle(run, logs.lastSeq(runId), token.value());
      return Optional.of(new Claim(launch, run.getExpectedStartTime()));
    }
    Optional<RunLaunch> launch =
        deployments
            .find(run.getDeploymentId())
            .map(deployment -> Launches.of(run, deployment, logs.lastSeq(runId), token.value()));
    if (launch.isEmpty()) {
      deploymentDeleted(run);
      return Optional.empty();
    }
    return Optional.of(new Claim(launch.get(), run.getExpectedStartTime()));
  }

  /** One transaction claims them all; a run whose deployment was deleted ends CRASHED after it. */
  @Override
  public List<Claim> claimDue(Instant horizon, int max) {
    List<RunTokens.Token> tokens = Stream.generate(RunTokens::issue).limit(max).toList();
    List<ClaimedRun> claimed =
        flowRuns.claimDue(
            horizon, settings.name(), tokens.stream().map(RunTokens.Token::hash).toList());
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < claimed.size(); i++) {
      ClaimedRun c = claimed.get(i);
      FlowRun run = c.run();
      String token = tokens.get(i).value();
      if (run.isBundle()) {
        claims.add(
            new Claim(Launches.ofBundle(run, c.lastLogSeq(), token), run.getExpectedStartTime()));
      } else if (c.deployment() != null) {
        claims.add(
            new Claim(
                Launches.of(run, c.deployment(), c.lastLogSeq(), token),
                run.getExpectedStartTime()));
      } else {
        deploymentDeleted(run);
      }
    }
    return claims;
  }

  private void deploymentDeleted(FlowRun run) {
    String reason = "its deployment " + run.getDeploymentId() + " was deleted";
    recorder.finished(run.getId(), ProcessOutcome.notStarted(reason, clock.instant()), null);
  }

  /** A bundle's run, created already claimed by this node: what starts it. */
  public Claim bundle(Bundle bundle) {
    RunTokens.Token token = RunTokens.issue();
    FlowRun run =
        flowRuns.createBundle(
            bundle.command(),
            bundle.workingDirectory(),
            bundle.env() == null ? Map.of() : bundle.env(),
            BundleValidator.parameters(bundle),
            settings.name(),
            token.hash());
    return new Claim(Launches.ofBundle(run, 0, token.value()), run.getExpectedStartTime());
  }

  @Override
  public void handBack(UUID runId, String reason, Instant expectedStart) {
    flowRuns.rescheduled(runId, reason, expectedStart);
  }
}
