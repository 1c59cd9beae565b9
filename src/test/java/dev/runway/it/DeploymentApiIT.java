package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deployments through the REST API: the happy path, and refusals that store nothing. */
class DeploymentApiIT extends RunwayClientIT {

  @Test
  void createReadReplaceDelete() {
    String name = unique("crud");
    String id =
        api.deploy(
            "{\"flowName\":\"crud\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],"
                + "\"env\":{\"REGION\":\"eu\"},\"tags\":[\"nightly\"],\"retries\":2}");

    JsonObject read = api.get("deployments/" + id).object();
    assertEquals(
        List.of("/bin/true"),
        read.getJsonArray("command").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    assertEquals("eu", read.getJsonObject("env").getString("REGION"));
    assertEquals(2, read.getInt("retries"));
    assertEquals(id, api.get("deployments/name/crud/" + name).object().getString("id"));

    Api.Reply replaced =
        api.put(
            "deployments/" + id,
            "{\"flowName\":\"crud\",\"name\":\"" + name + "\",\"command\":[\"/bin/false\"]}");
    assertEquals(200, replaced.status(), replaced.body());
    assertEquals("/bin/false", replaced.object().getJsonArray("command").getString(0));
    assertEquals(0, replaced.object().getInt("retries"), "PUT replaces: absent fields reset");

    assertEquals(204, api.delete("deployments/" + id).status());
    assertEquals(404, api.get("deployments/" + id).status());
  }

  @Test
  void duplicateFlowAndNameIsConflict() {
    String name = unique("dup");
    api.deploy("dup", name, "[\"/bin/true\"]");

    Api.Reply again =
        api.post(
            "deployments",
            "{\"flowName\":\"dup\",\"name\":\"" + name + "\",\"command\":[\"/bin/true\"]}");

    assertEquals(409, again.status());
    assertEquals("application/problem+json", again.contentType());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON | {\"flowName\": | body",
        "unknown field | {\"flowName\":\"f\",\"name\":\"NAME\",\"command\":[\"/bin/true\"],\"comand\":1} | comand",
        "empty name | {\"flowName\":\"f\",\"name\":\"\",\"command\":[\"/bin/true\"]} | name",
        "empty flow name | {\"flowName\":\"\",\"name\":\"NAME\",\"command\":[\"/bin/true\"]} | flowName",
        "missing command | {\"flowName\":\"f\",\"name\":\"NAME\"} | command",
        "empty command | {\"flowName\":\"f\",\"name\":\"NAME\",\"command\":[]} | command",
        "slash in name | {\"flowName\":\"f\",\"name\":\"a/NAME\",\"command\":[\"/bin/true\"]} | name",
        "negative retries | {\"flowName\":\"f\",\"name\":\"NAME\",\"command\":[\"/bin/true\"],\"retries\":-1} | retries",
      })
  void invalidDeploymentIsRefusedWithAProblemAndStoresNothing(
      String why, String body, String field) {
    String name = unique("bad");
    long before = api.get("deployments").totalCount();

    Api.Reply reply = api.post("deployments", body.replace("NAME", name));

    assertEquals(400, reply.status(), reply.body());
    assertEquals("application/problem+json", reply.contentType());
    JsonObject problem = reply.object();
    assertEquals(400, problem.getInt("status"));
    boolean named =
        problem.containsKey("errors")
            ? problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("field").equals(field))
            : problem.getString("detail").contains(field) || field.equals("body");
    assertTrue(named, "problem names " + field + ": " + problem);
    assertEquals(before, api.get("deployments").totalCount());
    assertEquals(404, api.get("deployments/name/f/" + name).status());
  }

  @Test
  void runOfUnknownDeploymentIsNotFoundAndCreatesNoRun() {
    long before = api.get("flow-runs").totalCount();

    Api.Reply reply = api.post("deployments/00000000-0000-0000-0000-000000000000/runs", "{}");

    assertEquals(404, reply.status());
    assertEquals(before, api.get("flow-runs").totalCount());
  }

  @Test
  void runWithUnknownFieldIsRefused() {
    String deployment = api.deploy("strict", unique("run"), "[\"/bin/true\"]");
    long before = api.get("flow-runs?deploymentId=" + deployment).totalCount();

    Api.Reply reply = api.post("deployments/" + deployment + "/runs", "{\"parameterz\":{}}");

    assertEquals(400, reply.status(), reply.body());
    assertEquals(before, api.get("flow-runs?deploymentId=" + deployment).totalCount());
  }

  @Test
  void flowRunListFiltersByDeploymentAndStateAndRefusesBadLimits() {
    String deployment = api.deploy("lists", unique("list"), "[\"/bin/true\"]");
    api.awaitEnd(api.run(deployment, "{}"));
    api.awaitEnd(api.run(deployment, "{}"));

    Api.Reply completed = api.get("flow-runs?deploymentId=" + deployment + "&stateType=COMPLETED");

    assertEquals(2, completed.totalCount());
    assertEquals(2, completed.array().size());
    assertEquals(
        0, api.get("flow-runs?deploymentId=" + deployment + "&stateType=FAILED").totalCount());
    assertEquals(400, api.get("flow-runs?limit=501").status());
    assertEquals(400, api.get("flow-runs?stateType=DONE").status());
  }

  @Test
  void unknownRunIsNotFound() {
    assertEquals(404, api.get("flow-runs/00000000-0000-0000-0000-000000000000").status());
    assertEquals(404, api.get("flow-runs/not-a-uuid/logs").status());
  }
}
