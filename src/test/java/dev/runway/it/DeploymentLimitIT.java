package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A deployment's concurrencyLimit, below the node's limit of two: the processes themselves never
 * see more of their deployment alive than it allows, the others wait for a slot or are cancelled.
 */
class DeploymentLimitIT extends RunwayClientIT {

  @Test
  void withEnqueueTheRunsBeyondTheLimitWaitForASlotAndAllRun() throws IOException {
    Path marks = Files.createTempDirectory("runway-deployment-limit-");
    String deployment =
        api.deploy(
            "{\"flowName\":\"limits\",\"name\":\""
                + unique("one-at-a-time")
                + "\",\"concurrencyLimit\":1,\"env\":{\"MARKS\":"
                + Api.json(marks.toString())
                + "},\"command\":[\"/bin/sh\",\"-c\",\"touch \\\"$MARKS/$RUNWAY_FLOW_RUN_ID\\\"; "
                + "ls \\\"$MARKS\\\" | wc -l; sleep 1; rm \\\"$MARKS/$RUNWAY_FLOW_RUN_ID\\\"\"]}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(api.run(deployment, "{}"));
    }

    int mostAlive = 0;
    boolean someWaited = false;
    for (String id : ids) {
      assertEquals("COMPLETED", Api.stateType(api.awaitEnd(id)));
      String count =
          api.get("flow-runs/" + id + "/logs").array().getJsonObject(0).getString("message");
      mostAlive = Math.max(mostAlive, Integer.parseInt(count.trim()));
      someWaited |= stateNames(id).contains("AwaitingConcurrencySlot");
    }

    assertEquals(1, mostAlive, "most processes of the deployment alive together");
    assertTrue(someWaited, "a run beyond the limit waited, named AwaitingConcurrencySlot");
  }

  @Test
  void withCancelNewTheRunsBeyondTheLimitAreCancelled() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"limits\",\"name\":\""
                + unique("no-pile-up")
                + "\",\"concurrencyLimit\":1,\"collisionStrategy\":\"CANCEL_NEW\","
                + "\"command\":[\"/bin/sleep\",\"3\"]}");
    String first = api.run(deployment, "{}");
    api.await(first, r -> "RUNNING".equals(Api.stateType(r)), java.time.Duration.ofSeconds(20));

    List<JsonObject> extra =
        List.of(api.run(deployment, "{}"), api.run(deployment, "{}")).stream()
            .map(api::awaitEnd)
            .toList();

    extra.forEach(
        run -> {
          assertEquals("CANCELLED", Api.stateType(run), run.toString());
          assertTrue(
              run.getJsonObject("state").getString("message").contains("CANCEL_NEW"),
              run.toString());
        });
    assertEquals("COMPLETED", Api.stateType(api.awaitEnd(first)));
  }

  @Test
  void aLimitOfZeroIsRefusedAndNothingIsStored() {
    String name = unique("zero");
    Api.Reply reply =
        api.post(
            "deployments",
            "{\"flowName\":\"limits\",\"name\":\""
                + name
                + "\",\"concurrencyLimit\":0,\"command\":[\"/bin/true\"]}");

    assertEquals(400, reply.status());
    Map<String, String> errors =
        reply.object().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(e -> e.getString("field"), e -> e.getString("message")));
    assertTrue(errors.containsKey("concurrencyLimit"), errors.toString());
    assertEquals(404, api.get("deployments/name/limits/" + name).status());
  }

  private List<String> stateNames(String run) {
    return api.get("flow-runs/" + run + "/states").array().getValuesAs(JsonObject.class).stream()
        .map(s -> s.getString("name"))
        .toList();
  }
}
