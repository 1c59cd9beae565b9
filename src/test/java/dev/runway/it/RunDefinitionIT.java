package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a run is made of: merged parameters checked against the deployment's schema when the run is
 * created, the result its process leaves, and one run per idempotency key however many ask at once.
 */
class RunDefinitionIT extends RunwayClientIT {

  private static final String SCHEMA =
      "{\"type\":\"object\",\"required\":[\"target\"],\"properties\":{"
          + "\"target\":{\"type\":\"string\",\"minLength\":1},"
          + "\"retries\":{\"type\":\"integer\",\"minimum\":0}}}";

  /** Writes its {@code result} parameter, verbatim, to the result file. */
  private static final String WRITES_RESULT =
      "[\"/bin/sh\",\"-c\",\"printf '%s' \\\"$1\\\" > \\\"$RUNWAY_RESULT_FILE\\\"\",\"sh\","
          + "\"{{ parameters.result }}\"]";

  @Test
  void parametersAreTheDeploymentsThenTheSchedulesThenTheRunsKeyByKey() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"definition\",\"name\":\""
                + unique("merge")
                + "\",\"command\":[\"/bin/true\"],"
                + "\"parameters\":{\"a\":\"deployment\",\"b\":\"deployment\",\"c\":\"deployment\"},"
                + "\"schedules\":[{\"interval\":3600,\"parameters\":{\"b\":\"schedule\"}}]}");
    try {
      JsonObject scheduled =
          api.get("flow-runs?limit=1&deploymentId=" + deployment).array().getJsonObject(0);
      assertTrue(scheduled.getBoolean("autoScheduled"), scheduled.toString());
      assertEquals(
          object("{\"a\":\"deployment\",\"b\":\"schedule\",\"c\":\"deployment\"}"),
          scheduled.getJsonObject("parameters"));

      JsonObject byHand =
          api.get("flow-runs/" + api.run(deployment, "{\"parameters\":{\"c\":\"run\"}}")).object();
      assertEquals(
          object("{\"a\":\"deployment\",\"b\":\"deployment\",\"c\":\"run\"}"),
          byHand.getJsonObject("parameters"));
    } finally {
      api.post("deployments/" + deployment + "/pause", "");
    }
  }

  @Test
  void parametersViolatingTheSchemaAreRefusedWithEachViolationAndNoRunIsMade() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"definition\",\"name\":\""
                + unique("schema")
                + "\",\"command\":[\"/bin/true\"],\"parameterSchema\":"
                + SCHEMA
                + ",\"parameters\":{\"retries\":1}}");

    Api.Reply refused =
        api.post(
            "deployments/" + deployment + "/runs",
            "{\"parameters\":{\"target\":\"\",\"retries\":-2}}");

    assertEquals(422, refused.status(), refused.toString());
    assertTrue(refused.contentType().startsWith("application/problem+json"), refused.toString());
    Set<String> fields =
        refused.object().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("field"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("parameters.target", "parameters.retries"), fields, refused.body());
    assertEquals(0, api.get("flow-runs?deploymentId=" + deployment).totalCount());

    String accepted = api.run(deployment, "{\"parameters\":{\"target\":\"db-1\"}}");
    assertEquals("COMPLETED", Api.stateType(api.awaitEnd(accepted)));
  }

  @Test
  void aDeploymentWhoseDefaultsViolateItsOwnSchemaIsRefused() {
    String name = unique("bad-defaults");

    Api.Reply refused =
        api.post(
            "deployments",
            "{\"flowName\":\"definition\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],\"parameterSchema\":"
                + SCHEMA
                + ",\"parameters\":{\"retries\":\"many\"}}");

    assertEquals(422, refused.status(), refused.toString());
    assertEquals(
        "parameters.retries",
        refused.object().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(404, api.get("deployments/name/definition/" + name).status());
  }

  @Test
  void withoutEnforcementParametersOutsideTheSchemaAreAccepted() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"definition\",\"name\":\""
                + unique("lenient")
                + "\",\"command\":[\"/bin/true\"],\"enforceParameterSchema\":false,"
                + "\"parameterSchema\":"
                + SCHEMA
                + "}");

    String run = api.run(deployment, "{\"parameters\":{\"retries\":\"many\"}}");

    assertEquals("COMPLETED", Api.stateType(api.awaitEnd(run)));
  }

  @Test
  void aPlaceholderWithoutAValueIsRefusedWhenTheRunIsCreated() {
    String deployment =
        api.deploy("definition", unique("missing"), "[\"/bin/echo\",\"{{ parameters.target }}\"]");

    Api.Reply refused = api.post("deployments/" + deployment + "/runs", "{}");

    assertEquals(422, refused.status(), refused.toString());
    assertEquals(
        "parameters.target",
        refused.object().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(0, api.get("flow-runs?deploymentId=" + deployment).totalCount());
  }

  @Test
  void theJsonAProcessLeavesInItsResultFileBecomesTheRunsResult() {
    String deployment = api.deploy("definition", unique("result"), WRITES_RESULT);

    JsonObject run =
        api.awaitEnd(
            api.run(deployment, "{\"parameters\":{\"result\":\"{\\\"rows\\\": [1, 2]}\"}}"));

    assertEquals("COMPLETED", Api.stateType(run));
    assertEquals(object("{\"rows\":[1,2]}"), run.getJsonObject("result"));
  }

  @Test
  void aResultThatIsNotJsonIsDroppedWithALineInTheRunsLog() {
    String deployment = api.deploy("definition", unique("bad-result"), WRITES_RESULT);

    JsonObject run =
        api.awaitEnd(api.run(deployment, "{\"parameters\":{\"result\":\"{rows: 3\"}}"));

    assertEquals("COMPLETED", Api.stateType(run), "the exit status decides the state");
    assertTrue(Api.isNull(run, "result"), run.toString());
    List<String> lines =
        api.get("flow-runs/" + run.getString("id") + "/logs").array().stream()
            .map(JsonObject.class::cast)
            .map(l -> l.getString("stream") + ":" + l.getString("message"))
            .toList();
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("runway:") && l.contains("not JSON")),
        lines.toString());
  }

  @Test
  void concurrentCreatesWithOneIdempotencyKeyMakeOneRun() throws Exception {
    String deployment = api.deploy("definition", unique("idem"), "[\"/bin/true\"]");
    String body = "{\"idempotencyKey\":\"backup-2026-12-04\"}";
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Api.Reply>> creates =
          IntStream.range(0, 16)
              .<Callable<Api.Reply>>mapToObj(
                  i -> () -> api.post("deployments/" + deployment + "/runs", body))
              .toList();
      List<Api.Reply> replies =
          clients.invokeAll(creates).stream().map(RunDefinitionIT::get).toList();

      Set<String> ids =
          replies.stream().map(r -> r.object().getString("id")).collect(Collectors.toSet());
      assertEquals(1, ids.size(), replies.toString());
      assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
      assertTrue(replies.stream().allMatch(r -> r.status() == 201 || r.status() == 200));
      assertEquals(1, api.get("flow-runs?deploymentId=" + deployment).totalCount());
    } finally {
      clients.shutdownNow();
    }
  }

  private static Api.Reply get(Future<Api.Reply> reply) {
    try {
      return reply.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject object(String json) {
    return Json.createReader(new java.io.StringReader(json)).readObject();
  }
}
