package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /runner/bundles}, Prefect's {@code execute_bundle}: an ad-hoc command run now on the
 * node that received it, without a deployment. The IT server's limit is 2 slots.
 */
class BundleIT extends RunwayClientIT {

  @Test
  void aBundleRunsNowAndItsOutputIsItsRunsLog() {
    Api.Reply reply =
        api.post(
            "runner/bundles",
            "{\"command\":[\"/bin/sh\",\"-c\",\"echo hello $WHO {{ parameters.n }}; pwd\"],"
                + "\"workingDirectory\":\"/tmp\","
                + "\"env\":{\"WHO\":\"bundle\",\"DB_PASSWORD\":\"hunter2\"},"
                + "\"parameters\":{\"n\":3}}");

    assertEquals(201, reply.status(), reply.body());
    JsonObject created = reply.object();
    assertTrue(Api.isNull(created, "deploymentId"), "a bundle has no deployment");
    assertEquals("bundle", created.getString("flowName"));
    assertEquals("it-node", created.getString("node"), "claimed by the node that received it");
    assertEquals(
        "***", created.getJsonObject("bundle").getJsonObject("env").getString("DB_PASSWORD"));
    JsonObject run = api.awaitEnd(created.getString("id"));
    assertEquals("COMPLETED", Api.stateType(run));
    List<String> lines =
        api
            .get("flow-runs/" + run.getString("id") + "/logs")
            .array()
            .getValuesAs(JsonObject.class)
            .stream()
            .map(l -> l.getString("message"))
            .toList();
    assertEquals(List.of("hello bundle 3", "/tmp"), lines);
    assertTrue(
        api.get("flow-runs?flowName=bundle").array().getValuesAs(JsonObject.class).stream()
            .anyMatch(r -> r.getString("id").equals(run.getString("id"))),
        "bundles are found by their flow name");
  }

  @Test
  void aFailingBundleEndsFailedWithoutRetries() {
    String id =
        api.post("runner/bundles", "{\"command\":[\"/bin/false\"]}").object().getString("id");

    JsonObject run = api.awaitEnd(id);

    assertEquals("FAILED", Api.stateType(run));
    assertEquals(1, run.getInt("runCount"));
  }

  @Test
  void aRelativeProgramIsRefusedAndNothingIsStored() {
    long before = api.get("flow-runs?flowName=bundle&limit=1").totalCount();

    Api.Reply reply = api.post("runner/bundles", "{\"command\":[\"sh\",\"-c\",\"true\"]}");

    assertEquals(400, reply.status());
    assertEquals("application/problem+json", reply.contentType());
    assertEquals(
        "command[0]", reply.object().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(before, api.get("flow-runs?flowName=bundle&limit=1").totalCount());
  }

  @Test
  void withEverySlotTakenABundleGets429() {
    List<String> sleepers = new ArrayList<>();
    try {
      Api.Reply reply;
      // Fill the node's slots, whatever other runs hold some.
      while ((reply = api.post("runner/bundles", "{\"command\":[\"/bin/sleep\",\"30\"]}")).status()
          == 201) {
        sleepers.add(reply.object().getString("id"));
      }

      assertEquals(429, reply.status(), reply.body());
      assertEquals("application/problem+json", reply.contentType());
      assertTrue(sleepers.size() <= 2, "never more than the node's limit");
      assertEquals(0, api.get("runner").object().getInt("slotsAvailable"));
    } finally {
      sleepers.forEach(id -> api.post("flow-runs/" + id + "/cancel", ""));
      sleepers.forEach(
          id ->
              api.await(id, r -> Api.TERMINAL.contains(Api.stateType(r)), Duration.ofSeconds(60)));
    }
  }
}
