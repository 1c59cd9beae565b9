package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IT server runs with runway.runner.limit=2: never more than two processes at once. */
class ConcurrencyLimitIT extends RunwayClientIT {

  @Test
  void fiveRunsWithLimitTwoNeverOverlapMoreThanTwo() {
    String deployment = api.deploy("limits", unique("sleep"), "[\"/bin/sleep\",\"1\"]");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(api.run(deployment, "{}"));
    }

    List<JsonObject> runs = ids.stream().map(api::awaitEnd).toList();

    runs.forEach(run -> assertEquals("COMPLETED", Api.stateType(run), run.toString()));
    assertEquals(2, maxOverlap(runs), "most processes running at one instant");
  }

  @Test
  void theProcessesThemselvesNeverSeeMoreThanTwoAlive() throws IOException {
    // Each process marks itself alive in a shared directory, counts the marks, sleeps, and
    // removes its mark: the largest count is the most processes that were alive together.
    Path marks = Files.createTempDirectory("runway-limit-");
    String deployment =
        api.deploy(
            "{\"flowName\":\"limits\",\"name\":\""
                + unique("marks")
                + "\",\"env\":{\"MARKS\":"
                + Api.json(marks.toString())
                + "},\"command\":[\"/bin/sh\",\"-c\",\"touch \\\"$MARKS/$RUNWAY_FLOW_RUN_ID\\\"; "
                + "ls \\\"$MARKS\\\" | wc -l; sleep 1; rm \\\"$MARKS/$RUNWAY_FLOW_RUN_ID\\\"\"]}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(api.run(deployment, "{}"));
    }

    int mostAlive = 0;
    for (String id : ids) {
      assertEquals("COMPLETED", Api.stateType(api.awaitEnd(id)));
      String count =
          api.get("flow-runs/" + id + "/logs").array().getJsonObject(0).getString("message");
      mostAlive = Math.max(mostAlive, Integer.parseInt(count.trim()));
    }

    assertEquals(2, mostAlive, "most processes alive together, as they counted themselves");
  }

  /** The most runs whose [startTime, endTime] intervals contain one common instant. */
  private static int maxOverlap(List<JsonObject> runs) {
    int max = 0;
    for (JsonObject run : runs) {
      Instant at = Instant.parse(run.getString("startTime"));
      int running = 0;
      for (JsonObject other : runs) {
        Instant start = Instant.parse(other.getString("startTime"));
        Instant end = Instant.parse(other.getString("endTime"));
        if (!start.isAfter(at) && end.isAfter(at)) {
          running++;
        }
      }
      max = Math.max(max, running);
    }
    return max;
  }
}
