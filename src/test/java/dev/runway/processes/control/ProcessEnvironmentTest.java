package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.processes.entity.RunLaunch;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProcessEnvironmentTest {

  private static final UUID RUN_ID = new UUID(1, 1);
  private static final UUID DEPLOYMENT_ID = new UUID(2, 2);
  private static final Path RESULT = Path.of("/var/runway/results/run.json");

  private static RunLaunch launch(Map<String, String> env, JsonObject parameters) {
    return new RunLaunch(
        RUN_ID,
        "amber-otter",
        DEPLOYMENT_ID,
        "nightly",
        "etl",
        List.of("true"),
        null,
        env,
        parameters,
        2,
        0,
        "token-of-the-run",
        null);
  }

  @Test
  void aBundlesRunHasItsOwnEnvironmentAndNoDeploymentVariables() {
    RunLaunch bundle =
        new RunLaunch(
            RUN_ID,
            "amber-otter",
            null,
            null,
            "bundle",
            List.of("/bin/true"),
            null,
            Map.of("WHO", "bundle"),
            Json.createObjectBuilder().build(),
            1,
            0,
            "token-of-the-run",
            null);

    Map<String, String> env =
        ProcessEnvironment.of(
            bundle, Map.of("RUNWAY_DEPLOYMENT_ID", "inherited"), "http://api", RESULT);

    assertEquals("bundle", env.get("WHO"));
    assertEquals("bundle", env.get("RUNWAY_FLOW_NAME"));
    assertEquals(RUN_ID.toString(), env.get("RUNWAY_FLOW_RUN_ID"));
    assertEquals(null, env.get("RUNWAY_DEPLOYMENT_ID"), "not even the node's");
    assertEquals(null, env.get("RUNWAY_DEPLOYMENT_NAME"));
  }

  @Test
  void theNodesEnvironmentIsInherited() {
    Map<String, String> env =
        ProcessEnvironment.of(
            launch(Map.of(), Json.createObjectBuilder().build()),
            Map.of("PATH", "/usr/bin", "HOME", "/home/runway"),
            "http://api",
            RESULT);

    assertEquals("/usr/bin", env.get("PATH"));
    assertEquals("/home/runway", env.get("HOME"));
  }

  @Test
  void theDeploymentsEnvIsAddedAndOverridesTheNodes() {
    Map<String, String> env =
        ProcessEnvironment.of(
            launch(
                Map.of("PATH", "/opt/app/bin", "MODE", "batch"),
                Json.createObjectBuilder().build()),
            Map.of("PATH", "/usr/bin", "LANG", "C.UTF-8"),
            "http://api",
            RESULT);

    assertEquals("/opt/app/bin", env.get("PATH"));
    assertEquals("batch", env.get("MODE"));
    assertEquals("C.UTF-8", env.get("LANG"));
  }

  @Test
  void runwayVariablesDescribeTheRun() {
    Map<String, String> env =
        ProcessEnvironment.of(
            launch(Map.of(), Json.createObjectBuilder().build()),
            Map.of(),
            "http://api.example/runway/api",
            RESULT);

    assertEquals(RUN_ID.toString(), env.get("RUNWAY_FLOW_RUN_ID"));
    assertEquals("amber-otter", env.get("RUNWAY_FLOW_RUN_NAME"));
    assertEquals(DEPLOYMENT_ID.toString(), env.get("RUNWAY_DEPLOYMENT_ID"));
    assertEquals("nightly", env.get("RUNWAY_DEPLOYMENT_NAME"));
    assertEquals("etl", env.get("RUNWAY_FLOW_NAME"));
    assertEquals("2", env.get("RUNWAY_RUN_COUNT"));
    assertEquals("http://api.example/runway/api", env.get("RUNWAY_API_URL"));
    assertEquals(RESULT.toString(), env.get("RUNWAY_RESULT_FILE"));
  }

  @Test
  void runwayVariablesCannotBeOverriddenByTheDeploymentOrTheNode() {
    Map<String, String> hostile = new HashMap<>();
    hostile.put("RUNWAY_FLOW_RUN_ID", "forged");
    hostile.put("RUNWAY_FLOW_RUN_NAME", "forged");
    hostile.put("RUNWAY_DEPLOYMENT_ID", "forged");
    hostile.put("RUNWAY_DEPLOYMENT_NAME", "forged");
    hostile.put("RUNWAY_FLOW_NAME", "forged");
    hostile.put("RUNWAY_PARAMETERS", "forged");
    hostile.put("RUNWAY_RUN_COUNT", "forged");
    hostile.put("RUNWAY_API_URL", "forged");
    hostile.put("RUNWAY_API_TOKEN", "forged");
    hostile.put("RUNWAY_RESULT_FILE", "/etc/passwd");

    Map<String, String> env =
        ProcessEnvironment.of(
            launch(hostile, Json.createObjectBuilder().add("k", "v").build()),
            hostile,
            "http://api",
            RESULT);

    assertEquals(RUN_ID.toString(), env.get("RUNWAY_FLOW_RUN_ID"));
    assertEquals("amber-otter", env.get("RUNWAY_FLOW_RUN_NAME"));
    assertEquals(DEPLOYMENT_ID.toString(), env.get("RUNWAY_DEPLOYMENT_ID"));
    assertEquals("nightly", env.get("RUNWAY_DEPLOYMENT_NAME"));
    assertEquals("etl", env.get("RUNWAY_FLOW_NAME"));
    assertEquals("{\"k\":\"v\"}", env.get("RUNWAY_PARAMETERS"));
    assertEquals("2", env.get("RUNWAY_RUN_COUNT"));
    assertEquals("http://api", env.get("RUNWAY_API_URL"));
    assertEquals("token-of-the-run", env.get("RUNWAY_API_TOKEN"));
    assertEquals(RESULT.toString(), env.get("RUNWAY_RESULT_FILE"));
  }

  @Test
  void runwayParametersIsTheMergedParametersAsAJsonObject() {
    JsonObject parameters =
        Json.createObjectBuilder()
            .add("date", "2025-03-01")
            .add("limit", 10)
            .add("nested", Json.createObjectBuilder().add("deep", true))
            .add("quote", "say \"hi\"")
            .build();

    Map<String, String> env =
        ProcessEnvironment.of(launch(Map.of(), parameters), Map.of(), "http://api", RESULT);

    try (JsonReader reader = Json.createReader(new StringReader(env.get("RUNWAY_PARAMETERS")))) {
      assertEquals(parameters, reader.readObject());
    }
  }

  @Test
  void emptyParametersAreAnEmptyJsonObject() {
    Map<String, String> env =
        ProcessEnvironment.of(
            launch(Map.of(), Json.createObjectBuilder().build()), Map.of(), "http://api", RESULT);

    assertEquals("{}", env.get("RUNWAY_PARAMETERS"));
  }

  @Test
  void theInputMapsAreNotModified() {
    Map<String, String> node = new HashMap<>(Map.of("PATH", "/usr/bin"));
    Map<String, String> deployment = new HashMap<>(Map.of("MODE", "batch"));

    ProcessEnvironment.of(
        launch(deployment, Json.createObjectBuilder().build()), node, "http://api", RESULT);

    assertEquals(Map.of("PATH", "/usr/bin"), node);
    assertEquals(Map.of("MODE", "batch"), deployment);
  }
}
