package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
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
  void secretEnvValuesAreMaskedEverywhereButReachTheProcess() throws Exception {
    String secret = "hunter2-" + UUID.randomUUID();
    String name = unique("db");
    String deployment =
        "{\"flowName\":\"secrets\",\"name\":\"%s\",\"env\":{\"DB_PASSWORD\":\"%s\","
            + "\"REGION\":\"eu\"},\"command\":[\"/bin/sh\",\"-c\","
            + "\"printf %%s \\\"$DB_PASSWORD\\\" | sha256sum\"]}";
    Api.Reply created = api.post("deployments", deployment.formatted(name, secret));
    assertEquals(201, created.status(), created.body());
    String id = created.object().getString("id");

    Api.Reply read = api.get("deployments/" + id);
    assertEquals("***", read.object().getJsonObject("env").getString("DB_PASSWORD"));
    assertEquals("eu", read.object().getJsonObject("env").getString("REGION"));
    String first = api.awaitEnd(api.run(id, "{}")).getString("id");
    assertEquals(sha256(secret), firstWord(first), "the process got the real secret");

    Api.Reply replaced = api.put("deployments/" + id, deployment.formatted(name, "***"));
    assertEquals(200, replaced.status(), replaced.body());
    String second = api.awaitEnd(api.run(id, "{}")).getString("id");
    assertEquals(sha256(secret), firstWord(second), "sending *** back kept the stored secret");

    List<Api.Reply> replies =
        List.of(
            created,
            read,
            replaced,
            api.get("deployments?limit=500"),
            api.get("flow-runs/" + first),
            api.get("flow-runs/" + first + "/logs"));
    replies.forEach(reply -> assertFalse(reply.body().contains(secret), reply.body()));
    String serverLog = Files.readString(Path.of(System.getProperty("it.server.log")));
    assertFalse(serverLog.contains(secret), "the secret is in the server log");
  }

  private String firstWord(String runId) {
    String line =
        api.get("flow-runs/" + runId + "/logs").array().getJsonObject(0).getString("message");
    return line.split(" ")[0];
  }

  private static String sha256(String text) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  @Test
  void aMaskForASecretThatWasNeverStoredIsRefused() {
    Api.Reply reply =
        api.post(
            "deployments",
            "{\"flowName\":\"secrets\",\"name\":\""
                + unique("mask")
                + "\",\"env\":{\"API_TOKEN\":\"***\"},\"command\":[\"/bin/true\"]}");

    assertEquals(400, reply.status());
    assertEquals(
        "env.API_TOKEN", reply.object().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedWith413AndStoresNothing() {
    long before = api.get("deployments").totalCount();
    String huge =
        "{\"flowName\":\"big\",\"name\":\""
            + unique("big")
            + "\",\"command\":[\"/bin/true\"],\"description\":\""
            + "x".repeat(1024 * 1024)
            + "\"}";

    Api.Reply declared = api.post("deployments", huge);
    Api.Reply chunked = api.postChunked("deployments", huge);

    assertEquals(413, declared.status());
    assertEquals("application/problem+json", declared.contentType());
    assertEquals(413, chunked.status());
    assertEquals(before, api.get("deployments").totalCount());
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

  /** A deployment's opening with a name the test makes unique, and a valid command. */
  static final String NAMED = "{\"flowName\":\"f\",\"name\":\"NAME\"";

  static final String CMD = ",\"command\":[\"/bin/true\"]";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON | {\"flowName\": | body",
        "unknown field | " + NAMED + CMD + ",\"comand\":1} | comand",
        "empty name | {\"flowName\":\"f\",\"name\":\"\"" + CMD + "} | name",
        "empty flow name | {\"flowName\":\"\",\"name\":\"NAME\"" + CMD + "} | flowName",
        "missing command | {\"flowName\":\"f\",\"name\":\"NAME\"} | command",
        "empty command | {\"flowName\":\"f\",\"name\":\"NAME\",\"command\":[]} | command",
        "slash in name | {\"flowName\":\"f\",\"name\":\"a/NAME\"" + CMD + "} | name",
        "negative retries | " + NAMED + CMD + ",\"retries\":-1} | retries",
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
