package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What an operator or a load balancer asks of a node: {@code /health} and {@code /runner}. */
class RunnerStatusIT extends RunwayClientIT {

  @Test
  void healthIsUpWhileThePollLoopRuns() {
    Api.Reply health = api.get("health");

    assertEquals(200, health.status());
    assertEquals("UP", health.object().getString("status"));
  }

  @Test
  void runnerShowsItsConfigurationAndItselfAmongTheLiveNodes() {
    JsonObject runner = api.get("runner").object();

    assertEquals("it-node", runner.getString("node"));
    assertTrue(runner.getBoolean("started"));
    assertEquals(2, runner.getInt("limit"));
    assertEquals(300, runner.getInt("querySeconds"));
    assertEquals(10, runner.getInt("prefetchSeconds"));
    JsonObject self = runner.getJsonArray("nodes").getJsonObject(0);
    assertEquals("it-node", self.getString("name"));
    assertFalse(Api.isNull(self, "lastHeartbeat"));
  }

  @Test
  void runCountGrowsWithEachRunThisNodeStarts() {
    long before = api.get("runner").object().getJsonNumber("runCount").longValue();
    String deployment = api.deploy("status", unique("count"), "[\"/bin/true\"]");

    api.awaitEnd(api.run(deployment, "{}"));

    JsonObject runner = api.get("runner").object();
    assertEquals(before + 1, runner.getJsonNumber("runCount").longValue());
    assertEquals(runner.getInt("limit"), runner.getInt("slotsAvailable"));
  }
}
