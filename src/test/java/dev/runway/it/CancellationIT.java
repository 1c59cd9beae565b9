package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.processes.control.ProcessTree;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every run ends in a true final state, and cancel stops the whole process tree: real processes,
 * real signals, a cancel grace of 2 s on the IT server.
 */
class CancellationIT extends RunwayClientIT {

  @Test
  void aScriptIgnoringSigtermIsKilledAfterTheGraceAndNothingOfItSurvives() {
    String deployment =
        api.deploy(
            "cancel",
            unique("stubborn"),
            "[\"/bin/sh\",\"-c\",\"trap '' TERM; sleep 300 & echo $!; wait\"]");
    String run = api.run(deployment, "{}");
    long sleeper = firstLoggedPid(run);
    long shell =
        api.await(run, r -> !Api.isNull(r, "pid"), Duration.ofSeconds(20))
            .getJsonNumber("pid")
            .longValue();

    Api.Reply reply = api.post("flow-runs/" + run + "/cancel", "");

    assertEquals(202, reply.status(), reply.body());
    assertEquals("CANCELLING", Api.stateType(reply.object()));
    JsonObject ended = api.awaitEnd(run);
    assertEquals("CANCELLED", Api.stateType(ended), ended.toString());
    assertEquals("Cancelled by admin", ended.getJsonObject("state").getString("message"));
    assertGone(shell);
    assertGone(sleeper);
  }

  @Test
  void aGrandchildThatLeftItsSessionAndItsParentIsKilledToo() {
    // The middle shell starts `setsid sleep` in the background and exits at once: the sleep is in
    // a session of its own and no longer a descendant of the run's process.
    String deployment =
        api.deploy(
            "cancel",
            unique("escaped"),
            "[\"/bin/sh\",\"-c\",\"/bin/sh -c 'setsid sleep 300 & echo $!'; sleep 300\"]");
    String run = api.run(deployment, "{}");
    long escaped = firstLoggedPid(run);
    assertTrue(alive(escaped), "the escaped sleep runs");

    api.post("flow-runs/" + run + "/cancel", "");

    assertEquals("CANCELLED", Api.stateType(api.awaitEnd(run)));
    assertGone(escaped);
  }

  @Test
  void aRunOutlivingItsTimeoutEndsFailedTimedOut() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"cancel\",\"name\":\""
                + unique("slow")
                + "\",\"command\":[\"/bin/sleep\",\"300\"],\"timeoutSeconds\":1}");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("FAILED", Api.stateType(run), run.toString());
    assertEquals("TimedOut", run.getJsonObject("state").getString("name"));
    assertGone(run.getJsonNumber("pid").longValue());
  }

  @Test
  void aFailingCommandWithTwoRetriesRunsThreeTimesThenFails() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"cancel\",\"name\":\""
                + unique("flaky")
                + "\",\"command\":[\"/bin/sh\",\"-c\",\"echo attempt $RUNWAY_RUN_COUNT; exit 3\"],"
                + "\"retries\":2,\"retryDelaySeconds\":1}");
    String id = api.run(deployment, "{}");

    JsonObject run = api.awaitEnd(id);

    assertEquals("FAILED", Api.stateType(run), run.toString());
    assertEquals(3, run.getInt("runCount"));
    assertEquals(3, run.getInt("exitCode"));
    List<String> names =
        api.get("flow-runs/" + id + "/states").array().getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("name"))
            .toList();
    assertEquals(2, names.stream().filter("AwaitingRetry"::equals).count(), names.toString());
    List<String> logs =
        api.get("flow-runs/" + id + "/logs").array().getValuesAs(JsonObject.class).stream()
            .map(l -> l.getInt("attempt") + ":" + l.getString("message"))
            .toList();
    assertEquals(List.of("1:attempt 1", "2:attempt 2", "3:attempt 3"), logs);
  }

  @Test
  void aProcessKilledBySigkillItDidNotExpectEndsCrashed() {
    String deployment = api.deploy("cancel", unique("oom"), "[\"/bin/sh\",\"-c\",\"kill -9 $$\"]");

    JsonObject run = api.awaitEnd(api.run(deployment, "{}"));

    assertEquals("CRASHED", Api.stateType(run));
    assertTrue(run.getJsonObject("state").getString("message").contains("SIGKILL"), run.toString());
  }

  @Test
  void aRunWithoutAProcessIsCancelledAtOnceAndAnEndedRunCannotBe() {
    String deployment = api.deploy("cancel", unique("later"), "[\"/bin/true\"]");
    String run =
        api.run(deployment, "{\"scheduledStart\":\"" + OffsetDateTime.now().plusDays(1) + "\"}");

    Api.Reply cancelled = api.post("flow-runs/" + run + "/cancel", "");

    assertEquals(202, cancelled.status());
    assertEquals("CANCELLED", Api.stateType(cancelled.object()));
    Api.Reply again = api.post("flow-runs/" + run + "/cancel", "");
    assertEquals(409, again.status(), again.body());
    assertEquals("application/problem+json", again.contentType());
  }

  @Test
  void cancellingRunsWaitingForTheirStartFreesTheirSlotsAtOnce() {
    // Both of the node's two slots are held by runs claimed ahead, waiting for their start.
    String deployment = api.deploy("cancel", unique("ahead"), "[\"/bin/true\"]");
    String at = OffsetDateTime.now().plusSeconds(8).toString();
    List<String> waiting =
        List.of(
            api.run(deployment, "{\"scheduledStart\":\"" + at + "\"}"),
            api.run(deployment, "{\"scheduledStart\":\"" + at + "\"}"));
    waiting.forEach(
        id -> api.await(id, r -> "PENDING".equals(Api.stateType(r)), Duration.ofSeconds(5)));

    waiting.forEach(id -> api.post("flow-runs/" + id + "/cancel", ""));

    waiting.forEach(
        id -> assertEquals("CANCELLED", Api.stateType(api.get("flow-runs/" + id).object())));
    String now = api.run(deployment, "{}");
    JsonObject run = api.await(now, r -> !Api.isNull(r, "startTime"), Duration.ofSeconds(5));
    assertTrue(
        Instant.parse(run.getString("startTime")).isBefore(OffsetDateTime.parse(at).toInstant()),
        "a freed slot took it before " + at);
  }

  @Test
  void cancelAllCancelsTheRunsOfThisNode() {
    String deployment = api.deploy("cancel", unique("all"), "[\"/bin/sleep\",\"300\"]");
    List<String> runs = List.of(api.run(deployment, "{}"), api.run(deployment, "{}"));
    runs.forEach(
        id -> api.await(id, r -> "RUNNING".equals(Api.stateType(r)), Duration.ofSeconds(20)));

    Api.Reply reply = api.post("runner/cancel-all", "");

    assertEquals(202, reply.status(), reply.body());
    assertEquals(2, reply.object().getInt("cancelled"));
    runs.forEach(id -> assertEquals("CANCELLED", Api.stateType(api.awaitEnd(id))));
  }

  /** The first log line of the run, a pid its script printed. */
  private long firstLoggedPid(String run) {
    Api.awaitTrue(
        "the run logged a pid",
        Duration.ofSeconds(20),
        () -> !api.get("flow-runs/" + run + "/logs").array().isEmpty());
    return Long.parseLong(
        api.get("flow-runs/" + run + "/logs").array().getJsonObject(0).getString("message").trim());
  }

  private static boolean alive(long pid) {
    return ProcessTree.isRunning(pid);
  }

  private static void assertGone(long pid) {
    Api.awaitTrue("process " + pid + " is gone", Duration.ofSeconds(5), () -> !alive(pid));
    assertFalse(alive(pid));
  }
}
