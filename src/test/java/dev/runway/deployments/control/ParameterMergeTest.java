package dev.runway.deployments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class ParameterMergeTest {

  @Test
  void laterLayersOverrideTopLevelKeysAndKeepTheOthers() {
    JsonObject deployment = Json.createObjectBuilder().add("a", 1).add("b", "dep").build();
    JsonObject schedule = Json.createObjectBuilder().add("b", "sched").add("c", true).build();
    JsonObject run = Json.createObjectBuilder().add("c", false).add("d", "run").build();

    JsonObject merged = ParameterMerge.merge(deployment, schedule, run);

    JsonObject expected =
        Json.createObjectBuilder()
            .add("a", 1)
            .add("b", "sched")
            .add("c", false)
            .add("d", "run")
            .build();
    assertEquals(expected, merged);
  }

  @Test
  void nestedObjectsAreReplacedWholeNotMerged() {
    JsonObject deployment =
        Json.createObjectBuilder()
            .add("db", Json.createObjectBuilder().add("host", "h").add("port", 5432))
            .build();
    JsonObject run =
        Json.createObjectBuilder().add("db", Json.createObjectBuilder().add("port", 6543)).build();

    JsonObject merged = ParameterMerge.merge(deployment, run);

    assertEquals(Json.createObjectBuilder().add("port", 6543).build(), merged.getJsonObject("db"));
  }

  @Test
  void arraysAreReplacedWholeNotConcatenated() {
    JsonObject deployment =
        Json.createObjectBuilder().add("ids", Json.createArrayBuilder().add(1).add(2)).build();
    JsonObject run =
        Json.createObjectBuilder().add("ids", Json.createArrayBuilder().add(3)).build();

    JsonObject merged = ParameterMerge.merge(deployment, run);

    assertEquals(Json.createArrayBuilder().add(3).build(), merged.getJsonArray("ids"));
  }

  @Test
  void anExplicitJsonNullOverridesADefault() {
    JsonObject deployment = Json.createObjectBuilder().add("limit", 10).build();
    JsonObject run = Json.createObjectBuilder().addNull("limit").build();

    JsonObject merged = ParameterMerge.merge(deployment, run);

    assertEquals(JsonValue.NULL, merged.get("limit"));
  }

  @Test
  void nullLayersAreIgnored() {
    JsonObject deployment = Json.createObjectBuilder().add("a", 1).build();
    JsonObject run = Json.createObjectBuilder().add("b", 2).build();

    JsonObject merged = ParameterMerge.merge(null, deployment, null, run, null);

    assertEquals(Json.createObjectBuilder().add("a", 1).add("b", 2).build(), merged);
  }

  @Test
  void noLayersOrOnlyNullLayersGiveAnEmptyObject() {
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, ParameterMerge.merge());
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, ParameterMerge.merge(null, null));
  }

  @Test
  void theLayersThemselvesAreNotChanged() {
    JsonObject deployment = Json.createObjectBuilder().add("a", 1).build();
    JsonObject run = Json.createObjectBuilder().add("a", 2).build();

    ParameterMerge.merge(deployment, run);

    assertEquals(1, deployment.getInt("a"));
    assertEquals(2, run.getInt("a"));
  }
}
