package dev.runway.triggers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.runway.deployments.entity.Deployment;
import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.Json;
import dev.runway.triggers.entity.Firing;
import dev.runway.triggers.entity.Trigger;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FiringsTest {

  private static final UUID UPSTREAM = UUID.randomUUID();
  private static final UUID RUN = UUID.randomUUID();
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
  private static final JsonObject PARAMETERS = Json.object("{\"who\":\"world\"}");

  private static FlowRunStateChanged change(StateType from, StateType to) {
    return new FlowRunStateChanged(
        RUN,
        UPSTREAM,
        from == null ? null : new State(from, from.name(), null, AT.minusSeconds(1)),
        new State(to, to.name(), null, AT),
        AT);
  }

  private static Deployment downstream(String name, Trigger... triggers) {
    Deployment d = new Deployment(UUID.randomUUID(), AT);
    d.setFlowName("etl");
    d.setName(name);
    d.setTriggers(StoredTriggers.write(List.of(triggers)));
    return d;
  }

  private static Trigger after(UUID upstream, String parameters, StateType... states) {
    return new Trigger(upstream, List.of(states), Json.object(parameters));
  }

  @Test
  void aTriggerOnTheEnteredTypeFiresWithItsParametersFilled() {
    Deployment report =
        downstream(
            "report",
            after(UPSTREAM, "{\"x\":\"{{ upstream.parameters.who }}\"}", StateType.COMPLETED));

    List<Firing> firings =
        Firings.of(change(StateType.RUNNING, StateType.COMPLETED), PARAMETERS, List.of(report));

    assertEquals(1, firings.size());
    Firing firing = firings.get(0);
    assertEquals(report.getId(), firing.deploymentId());
    assertEquals(RUN, firing.upstreamRunId());
    assertEquals("world", firing.parameters().getString("x"));
  }

  @Test
  void otherStatesOtherUpstreamsAndPausedDeploymentsFireNothing() {
    Deployment onFailure = downstream("f", after(UPSTREAM, "{}", StateType.FAILED));
    Deployment otherUpstream = downstream("o", after(UUID.randomUUID(), "{}", StateType.COMPLETED));
    Deployment paused = downstream("p", after(UPSTREAM, "{}", StateType.COMPLETED));
    paused.setPaused(true);

    List<Firing> firings =
        Firings.of(
            change(StateType.RUNNING, StateType.COMPLETED),
            PARAMETERS,
            List.of(onFailure, otherUpstream, paused));

    assertEquals(List.of(), firings);
  }

  @Test
  void aRenameWithinOneTypeEntersNothing() {
    Deployment d = downstream("s", after(UPSTREAM, "{}", StateType.SCHEDULED));

    assertEquals(
        List.of(),
        Firings.of(change(StateType.SCHEDULED, StateType.SCHEDULED), PARAMETERS, List.of(d)));
    assertEquals(1, Firings.of(change(null, StateType.SCHEDULED), PARAMETERS, List.of(d)).size());
  }

  @Test
  void aMissingUpstreamParameterSkipsThatTriggerOnly() {
    Deployment d =
        downstream(
            "m",
            after(UPSTREAM, "{\"x\":\"{{ upstream.parameters.absent }}\"}", StateType.COMPLETED),
            after(UPSTREAM, "{\"y\":\"{{ upstream.id }}\"}", StateType.COMPLETED));

    List<Firing> firings =
        Firings.of(change(StateType.RUNNING, StateType.COMPLETED), PARAMETERS, List.of(d));

    assertEquals(1, firings.size());
    assertEquals(1, firings.get(0).index());
    assertEquals(RUN.toString(), firings.get(0).parameters().getString("y"));
  }

  @Test
  void theKeyIsTheSameForTheSameChangeAndTriggerOnly() {
    FlowRunStateChanged completed = change(StateType.RUNNING, StateType.COMPLETED);

    assertEquals(Firings.key(completed, 0), Firings.key(completed, 0));
    assertNotEquals(Firings.key(completed, 0), Firings.key(completed, 1));
    assertNotEquals(
        Firings.key(completed, 0), Firings.key(change(StateType.PENDING, StateType.RUNNING), 0));
    assertEquals(true, Firings.key(completed, 0).length() <= 200);
  }
}
