package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's process calls the API with {@code RUNWAY_API_TOKEN}: it may read its own run and set its
 * own state, nothing else, and the token dies with the run.
 */
class RunTokenIT extends RunwayClientIT {

  /**
   * The process writes the status of each call, one per line, to its log: its own run, another run,
   * the run list, then it reports COMPLETED itself and exits 3 regardless. It also leaves its token
   * in a file only the test reads.
   */
  static final String SCRIPT =
      String.join(
          "; ",
          "auth=\\\"Authorization: Bearer $RUNWAY_API_TOKEN\\\"",
          "call() { /usr/bin/curl -s -o /dev/null -w '%{http_code}\\\\n'"
              + " -H \\\"$auth\\\" \\\"$@\\\"; }",
          "call \\\"$RUNWAY_API_URL/flow-runs/$RUNWAY_FLOW_RUN_ID\\\"",
          "call \\\"$RUNWAY_API_URL/flow-runs/$OTHER\\\"",
          "call \\\"$RUNWAY_API_URL/flow-runs\\\"",
          "call -X POST -H 'Content-Type: application/json' -d '{\\\"type\\\":\\\"FAILED\\\"}'"
              + " \\\"$RUNWAY_API_URL/flow-runs/$OTHER/state\\\"",
          "call -X POST -H 'Content-Type: application/json'"
              + " -d '{\\\"type\\\":\\\"COMPLETED\\\",\\\"name\\\":\\\"Reported\\\"}'"
              + " \\\"$RUNWAY_API_URL/flow-runs/$RUNWAY_FLOW_RUN_ID/state\\\"",
          "printf %s \\\"$RUNWAY_API_TOKEN\\\" > \\\"$TOKEN_FILE\\\"",
          "exit 3");

  @Test
  void theTokenReachesOnlyItsOwnRunAndDiesWithIt() throws IOException {
    String other = api.run(api.deploy("tokens", unique("other"), "[\"/bin/true\"]"), "{}");
    Path tokenFile = Files.createTempFile("runway-token-", ".txt");
    String deployment =
        api.deploy(
            "{\"flowName\":\"tokens\",\"name\":\""
                + unique("caller")
                + "\",\"env\":{\"OTHER\":\""
                + other
                + "\",\"TOKEN_FILE\":"
                + Api.json(tokenFile.toString())
                + "},\"command\":[\"/bin/sh\",\"-c\",\""
                + SCRIPT
                + "\"]}");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));
    // The run ended when its process reported COMPLETED, before the process wrote its last lines.
    Api.awaitTrue(
        "the process's five lines are stored",
        Duration.ofSeconds(10),
        () -> api.get("flow-runs/" + run.getString("id") + "/logs").array().size() >= 5);

    List<String> statuses =
        api.get("flow-runs/" + run.getString("id") + "/logs").array().stream()
            .map(line -> line.asJsonObject().getString("message"))
            .toList();
    assertEquals(List.of("200", "403", "403", "403", "201"), statuses);
    assertEquals("COMPLETED", Api.stateType(run), "the state the process reported stays");
    assertEquals("Reported", run.getJsonObject("state").getString("name"));
    String token = Files.readString(tokenFile);
    Api.Reply afterwards = api.as(Api.bearer(token)).get("flow-runs/" + run.getString("id"));
    assertEquals(401, afterwards.status(), "the token died with the run");
  }
}
