package dev.runway.triggers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.triggers.entity.Trigger;
import dev.runway.triggers.entity.TriggerRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TriggerGraphTest {

  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();
  private static final UUID C = UUID.randomUUID();

  private static TriggerGraph.Node node(UUID id, String name, UUID... upstreams) {
    return new TriggerGraph.Node(id, "etl", name, List.of(upstreams));
  }

  private static FieldError onlyError(Runnable write) {
    ProblemException problem = assertThrows(ProblemException.class, write::run);
    assertEquals(400, problem.status());
    assertEquals(1, problem.errors().size(), problem.errors().toString());
    return problem.errors().get(0);
  }

  @Test
  void anUpstreamIsFoundByIdOrByFlowNameAndName() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a"), node(B, "b")));

    assertEquals(Optional.of(A), graph.resolve(A.toString()));
    assertEquals(Optional.of(B), graph.resolve("etl/b"));
    assertEquals(Optional.empty(), graph.resolve("etl/zzz"));
    assertEquals(Optional.empty(), graph.resolve(UUID.randomUUID().toString()));
  }

  @Test
  void aTriggerIsStoredWithItsUpstreamsIdWhateverNameItWasGiven() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a")));

    List<Trigger> triggers =
        graph.link(B, "etl", "b", List.of(TriggerRequest.after("etl/a", "COMPLETED", "FAILED")));

    assertEquals(A, triggers.get(0).afterDeployment());
    assertEquals(List.of(StateType.COMPLETED, StateType.FAILED), triggers.get(0).onStates());
  }

  @Test
  void anUnknownUpstreamIsRefusedNamingTheField() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a")));

    FieldError error =
        onlyError(
            () ->
                graph.link(
                    B,
                    "etl",
                    "b",
                    List.of(
                        TriggerRequest.after("etl/a", "COMPLETED"),
                        TriggerRequest.after("etl/nope", "COMPLETED"))));

    assertEquals("triggers[1].afterDeployment", error.field());
    assertTrue(error.message().contains("etl/nope"), error.message());
  }

  @Test
  void aDeploymentAfterItselfIsACycleByNameOrById() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a")));

    FieldError byName =
        onlyError(
            () -> graph.link(A, "etl", "a", List.of(TriggerRequest.after("etl/a", "FAILED"))));
    FieldError byId =
        onlyError(
            () -> graph.link(A, "etl", "a", List.of(TriggerRequest.after(A.toString(), "FAILED"))));

    assertEquals("triggers[0].afterDeployment", byName.field());
    assertTrue(byName.message().contains("etl/a → etl/a"), byName.message());
    assertEquals(byName, byId);
  }

  @Test
  void aAfterBAfterAIsRefusedWithTheCycleInWords() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a"), node(B, "b", A)));

    FieldError error =
        onlyError(
            () -> graph.link(A, "etl", "a", List.of(TriggerRequest.after("etl/b", "COMPLETED"))));

    assertEquals("triggers[0].afterDeployment", error.field());
    assertTrue(error.message().contains("etl/b → etl/a → etl/b"), error.message());
  }

  @Test
  void aLongerCycleIsFoundThroughEveryStep() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a"), node(B, "b", A), node(C, "c", B)));

    FieldError error =
        onlyError(
            () -> graph.link(A, "etl", "a", List.of(TriggerRequest.after("etl/c", "COMPLETED"))));

    assertTrue(error.message().contains("etl/c → etl/a → etl/b → etl/c"), error.message());
  }

  @Test
  void aDiamondIsNoCycle() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a"), node(B, "b", A), node(C, "c", A)));
    UUID d = UUID.randomUUID();

    List<Trigger> triggers =
        graph.link(
            d,
            "etl",
            "d",
            List.of(
                TriggerRequest.after("etl/b", "COMPLETED"),
                TriggerRequest.after("etl/c", "COMPLETED")));

    assertEquals(List.of(B, C), triggers.stream().map(Trigger::afterDeployment).toList());
  }

  @Test
  void writingADeploymentAgainWithItsOwnTriggersIsNoCycle() {
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a", B), node(B, "b"), node(C, "c", A)));

    List<Trigger> triggers =
        graph.link(A, "etl", "a", List.of(TriggerRequest.after(B.toString(), "COMPLETED")));

    assertEquals(B, triggers.get(0).afterDeployment());
  }

  @Test
  void aStoredCycleThroughTheWrittenDeploymentIsSeenFromItsNewTriggers() {
    // A is stored after C; writing C after B, with B after A, closes a → b → c → a.
    TriggerGraph graph = TriggerGraph.of(List.of(node(A, "a", C), node(B, "b", A), node(C, "c")));

    FieldError error =
        onlyError(
            () -> graph.link(C, "etl", "c", List.of(TriggerRequest.after("etl/b", "RUNNING"))));

    assertTrue(error.message().contains("etl/b → etl/c → etl/a → etl/b"), error.message());
  }
}
