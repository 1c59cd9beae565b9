package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run from creation to final state: real processes, real output, real exit statuses. */
class RunLifecycleIT extends RunwayClientIT {

  @Test
  void runCompletesWithStdoutAndStderrInItsLogs() {
    String deployment =
        api.deploy(
            "lifecycle", unique("echo"), "[\"/bin/sh\",\"-c\",\"echo hello; echo oops >&2\"]");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("COMPLETED", Api.stateType(run));
    assertEquals(0, run.getInt("exitCode"));
    assertEquals(1, run.getInt("runCount"));
    assertEquals("it-node", run.getString("node"));
    JsonArray logs = api.get("flow-runs/" + run.getString("id") + "/logs").array();
    List<String> lines =
        logs.getValuesAs(JsonObject.class).stream()
            .map(l -> l.getString("stream") + ":" + l.getString("message"))
            .toList();
    assertTrue(lines.contains("stdout:hello"), lines.toString());
    assertTrue(lines.contains("stderr:oops"), lines.toString());
  }

  @Test
  void runStartsFromItsCreationEventWithoutWaitingForAPoll() {
    // The IT server polls every 300 s: a start well within that comes from the event.
    String deployment = api.deploy("lifecycle", unique("now"), "[\"/bin/true\"]");

    String id = api.run(deployment, "{}");

    JsonObject run = api.await(id, r -> !Api.isNull(r, "startTime"), Duration.ofSeconds(20));
    assertTrue(run.getInt("runCount") >= 1);
  }

  @Test
  void executeRunsARunDueTomorrowNowAndOnlyOnce() {
    String deployment = api.deploy("lifecycle", unique("execute"), "[\"/bin/true\"]");
    String id =
        api.run(deployment, "{\"scheduledStart\":\"" + OffsetDateTime.now().plusDays(1) + "\"}");

    Api.Reply executed = api.post("runner/flow-runs/" + id + "/execute", "");

    assertEquals(202, executed.status(), executed.body());
    JsonObject run = api.awaitEnd(id);
    assertEquals("COMPLETED", Api.stateType(run));
    assertEquals("it-node", run.getString("node"));
    Api.Reply again = api.post("runner/flow-runs/" + id + "/execute", "");
    assertEquals(409, again.status(), again.body());
  }

  @Test
  void processRunsInTheDeploymentsWorkingDirectory() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"lifecycle\",\"name\":\""
                + unique("cwd")
                + "\",\"workingDirectory\":\"/usr\",\"command\":[\"/bin/pwd\"]}");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("COMPLETED", Api.stateType(run));
    String line =
        api.get("flow-runs/" + run.getString("id") + "/logs")
            .array()
            .getJsonObject(0)
            .getString("message");
    assertEquals("/usr", line);
  }

  @Test
  void missingWorkingDirectoryEndsCrashedWithoutStartingAnything() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"lifecycle\",\"name\":\""
                + unique("nocwd")
                + "\",\"workingDirectory\":\"/no/such/dir\",\"command\":[\"/bin/true\"]}");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("CRASHED", Api.stateType(run));
    assertTrue(run.getJsonObject("state").getString("message").contains("/no/such/dir"));
    assertEquals(0, run.getInt("runCount"), "no attempt was started");
  }

  @Test
  void nonZeroExitEndsFailedWithTheCode() {
    String deployment = api.deploy("lifecycle", unique("exit3"), "[\"/bin/sh\",\"-c\",\"exit 3\"]");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("FAILED", Api.stateType(run));
    assertEquals(3, run.getInt("exitCode"));
    assertTrue(
        run.getJsonObject("state")
            .getString("message")
            .startsWith("Process exited with status code 3."),
        run.toString());
  }

  @Test
  void missingExecutableEndsCrashedWithTheReason() {
    String deployment = api.deploy("lifecycle", unique("missing"), "[\"/no/such/program\"]");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("CRASHED", Api.stateType(run));
    String message = run.getJsonObject("state").getString("message");
    assertTrue(message.contains("/no/such/program"), message);
    assertTrue(Api.isNull(run, "pid"), run.toString());
  }

  @Test
  void mergedParametersReachTheProcessAsRunwayParameters() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"lifecycle\",\"name\":\""
                + unique("params")
                + "\",\"command\":[\"/bin/sh\",\"-c\",\"echo \\\"$RUNWAY_PARAMETERS\\\"\"],"
                + "\"parameters\":{\"region\":\"eu\",\"batch\":10}}");

    JsonObject run = api.awaitEnd(api.run(deployment, "{\"parameters\":{\"batch\":25}}"));

    assertEquals("COMPLETED", Api.stateType(run));
    JsonObject expected = Json.createObjectBuilder().add("region", "eu").add("batch", 25).build();
    assertEquals(expected, run.getJsonObject("parameters"));
    String line =
        api.get("flow-runs/" + run.getString("id") + "/logs")
            .array()
            .getJsonObject(0)
            .getString("message");
    assertEquals(expected, Json.createReader(new StringReader(line)).readObject());
  }

  @Test
  void placeholderValuesStayOneArgumentEachAndRunNothing() {
    // sh prints each of its arguments on a line of its own: two placeholders, two lines.
    String deployment =
        api.deploy(
            "lifecycle",
            unique("inject"),
            "[\"/bin/sh\",\"-c\",\"printf '%s\\\\n' \\\"$@\\\"\",\"sh\","
                + "\"{{ parameters.a }}\",\"{{ parameters.b }}\"]");
    Path pwned = Path.of("/tmp/runway-pwned-" + UUID.randomUUID());
    String a = "it's \"quoted\"; rm -rf /tmp/runway-x " + pwned;
    String b = "$(touch " + pwned + ")";

    JsonObject run =
        api.awaitEnd(
            api.run(
                deployment,
                "{\"parameters\":{\"a\":" + Api.json(a) + ",\"b\":" + Api.json(b) + "}}"));

    assertEquals("COMPLETED", Api.stateType(run));
    List<String> lines =
        api.get("flow-runs/" + run.getString("id") + "/logs").array().stream()
            .map(line -> line.asJsonObject().getString("message"))
            .toList();
    assertEquals(List.of(a, b), lines, "each value arrived verbatim as one argument");
    assertFalse(Files.exists(pwned), "nothing ran the value");
  }

  @Test
  void aRelativeProgramEndsCrashedWithoutRunning() {
    String deployment = api.deploy("lifecycle", unique("relative"), "[\"sh\",\"-c\",\"exit 0\"]");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("CRASHED", Api.stateType(run));
    assertTrue(run.getJsonObject("state").getString("message").contains("not an absolute path"));
  }

  @Test
  void stateHistoryRecordsEveryStepInOrder() {
    String deployment = api.deploy("lifecycle", unique("history"), "[\"/bin/true\"]");
    String id = api.awaitEnd(api.run(deployment, "{}")).getString("id");

    List<String> types =
        api.get("flow-runs/" + id + "/states").array().getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("type"))
            .toList();

    assertEquals(List.of("SCHEDULED", "PENDING", "RUNNING", "COMPLETED"), types);
  }

  @Test
  void logsPageWithAfterAndLimit() {
    String deployment =
        api.deploy(
            "lifecycle",
            unique("pages"),
            "[\"/bin/sh\",\"-c\",\"for i in 1 2 3 4 5; do echo line$i; done\"]");
    String id = api.awaitEnd(api.run(deployment, "{}")).getString("id");

    JsonArray page = api.get("flow-runs/" + id + "/logs?after=2&limit=2").array();

    assertEquals(2, page.size());
    assertEquals("line3", page.getJsonObject(0).getString("message"));
    assertEquals(3, page.getJsonObject(0).getInt("seq"));
    assertEquals("line4", page.getJsonObject(1).getString("message"));
  }

  @Test
  void idempotencyKeyReturnsTheFirstRun() {
    String deployment = api.deploy("lifecycle", unique("idem"), "[\"/bin/true\"]");
    String first = api.run(deployment, "{\"idempotencyKey\":\"nightly-2026-12-03\"}");

    Api.Reply again =
        api.post(
            "deployments/" + deployment + "/runs", "{\"idempotencyKey\":\"nightly-2026-12-03\"}");

    assertEquals(200, again.status());
    assertEquals(first, again.object().getString("id"));
  }
}
