package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Triggers through the REST API: a chain that runs, and the writes that are refused. */
class TriggerIT extends RunwayClientIT {

  private static final String FLOW = "triggers";

  @Test
  void aCompletedUpstreamRunMakesTheDownstreamRunWithItsValues() {
    String upstreamName = unique("extract");
    String upstream =
        api.deploy(
            "{\"flowName\":\""
                + FLOW
                + "\",\"name\":\""
                + upstreamName
                + "\","
                + "\"command\":[\"/bin/true\"],\"parameters\":{\"who\":\"nobody\"}}");
    String downstream =
        api.deploy(
            "{\"flowName\":\""
                + FLOW
                + "\",\"name\":\""
                + unique("report")
                + "\","
                + "\"command\":[\"/bin/sh\",\"-c\",\"echo who=$1 after=$2 state=$3\",\"sh\","
                + "\"{{ parameters.who }}\",\"{{ parameters.after }}\",\"{{ parameters.how }}\"],"
                + "\"triggers\":[{\"afterDeployment\":\""
                + FLOW
                + "/"
                + upstreamName
                + "\","
                + "\"onStates\":[\"COMPLETED\"],\"parameters\":{"
                + "\"who\":\"{{ upstream.parameters.who }}\","
                + "\"after\":\"{{ upstream.id }}\","
                + "\"how\":\"{{ upstream.state.type }}\"}}]}");

    String first = api.run(upstream, "{\"parameters\":{\"who\":\"ops\"}}");
    assertEquals("COMPLETED", Api.stateType(api.awaitEnd(first)));

    JsonObject triggered = api.awaitEnd(onlyRunOf(downstream));
    assertEquals("COMPLETED", Api.stateType(triggered), triggered.toString());
    assertEquals(first, triggered.getString("triggeredBy"));
    assertEquals(List.of("who=ops after=" + first + " state=COMPLETED"), messages(triggered));
  }

  @Test
  void aTriggerClosingACycleIsRefusedAndNothingChanges() {
    String firstName = unique("a");
    String secondName = unique("b");
    String second = api.deploy(FLOW, secondName, "[\"/bin/true\"]");
    api.deploy(deployment(firstName, FLOW + "/" + secondName));

    Api.Reply refused =
        api.put("deployments/" + second, deployment(secondName, FLOW + "/" + firstName));

    assertEquals(400, refused.status(), refused.body());
    JsonObject error = refused.object().getJsonArray("errors").getJsonObject(0);
    assertEquals("triggers[0].afterDeployment", error.getString("field"));
    String message = error.getString("message");
    assertTrue(message.contains(FLOW + "/" + firstName), message);
    assertTrue(message.contains(FLOW + "/" + secondName), message);
    JsonObject stored = api.get("deployments/" + second).object();
    assertEquals(0, stored.getJsonArray("triggers").size(), stored.toString());
  }

  @Test
  void aDeploymentAfterItselfIsRefused() {
    String name = unique("self");
    String id = api.deploy(FLOW, name, "[\"/bin/true\"]");

    Api.Reply refused = api.put("deployments/" + id, deployment(name, FLOW + "/" + name));

    assertEquals(400, refused.status(), refused.body());
    assertEquals(
        "triggers[0].afterDeployment",
        refused.object().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void anUnknownUpstreamIsRefusedAndNothingIsStored() {
    String name = unique("orphan");

    Api.Reply refused = api.post("deployments", deployment(name, FLOW + "/no-such-deployment"));

    assertEquals(400, refused.status(), refused.body());
    assertEquals(
        "triggers[0].afterDeployment",
        refused.object().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(404, api.get("deployments/name/" + FLOW + "/" + name).status());
  }

  @Test
  void anUpstreamNamedByATriggerCannotBeDeleted() {
    String upstreamName = unique("kept");
    String upstream = api.deploy(FLOW, upstreamName, "[\"/bin/true\"]");
    String downstreamName = unique("needs");
    api.deploy(deployment(downstreamName, upstream));

    Api.Reply refused = api.delete("deployments/" + upstream);

    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.body().contains(FLOW + "/" + downstreamName), refused.body());
    assertEquals(200, api.get("deployments/" + upstream).status());
  }

  /** A deployment of {@code /bin/true} run after each COMPLETED run of {@code upstream}. */
  private static String deployment(String name, String upstream) {
    return "{\"flowName\":\""
        + FLOW
        + "\",\"name\":\""
        + name
        + "\",\"command\":[\"/bin/true\"],"
        + "\"triggers\":[{\"afterDeployment\":\""
        + upstream
        + "\",\"onStates\":[\"COMPLETED\"]}]}";
  }

  /** The id of the deployment's one run, once a trigger made it. */
  private String onlyRunOf(String deployment) {
    Api.awaitTrue(
        "a run of " + deployment + " was triggered",
        Duration.ofSeconds(30),
        () -> api.get("flow-runs?deploymentId=" + deployment).totalCount() > 0);
    JsonArray runs = api.get("flow-runs?deploymentId=" + deployment).array();
    assertEquals(1, runs.size(), runs.toString());
    return runs.getJsonObject(0).getString("id");
  }

  private List<String> messages(JsonObject run) {
    return api
        .get("flow-runs/" + run.getString("id") + "/logs")
        .array()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(line -> line.getString("stream").equals("stdout"))
        .map(line -> line.getString("message"))
        .toList();
  }
}
