package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Schedules as an operator meets them: runs made ahead, started on the dot, paused, previewed. */
class ScheduleIT extends RunwayClientIT {

  @Test
  void intervalRunsStartWithinAHundredMillisecondsOfTheirInstants() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"schedules\",\"name\":\""
                + unique("every-2s")
                + "\",\"command\":[\"/bin/true\"],\"schedules\":[{\"interval\":2}]}");
    try {
      // A run whose instant comes before the deployment's creation has even committed cannot
      // start on time; the runs made ahead can, and must.
      Api.awaitTrue(
          "four runs made ahead completed",
          Duration.ofSeconds(40),
          () -> madeAhead(runs(deployment, "COMPLETED")).size() >= 4);

      for (JsonObject run : madeAhead(runs(deployment, "COMPLETED"))) {
        assertTrue(run.getBoolean("autoScheduled"), run.toString());
        Instant expected = Instant.parse(run.getString("expectedStartTime"));
        assertEquals(0, expected.getEpochSecond() % 2, "on the interval's grid: " + run);
        assertEquals(0, expected.getNano(), run.toString());
        assertEquals(expected.toString(), run.getString("scheduledFor"));
        BigDecimal lateness = run.getJsonNumber("startLatenessMs").bigDecimalValue();
        assertTrue(
            lateness.signum() >= 0 && lateness.compareTo(BigDecimal.valueOf(100)) < 0,
            "started " + lateness + " ms after its instant: " + run);
      }
    } finally {
      api.delete("deployments/" + deployment);
    }
  }

  @Test
  void pausingRemovesUnstartedRunsAndResumingMakesThemAgain() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"schedules\",\"name\":\""
                + unique("pause")
                + "\",\"command\":[\"/bin/true\"],\"schedules\":[{\"interval\":600}]}");
    Set<String> before = expectedStarts(runs(deployment, "SCHEDULED"));
    assertFalse(before.isEmpty(), "runs are made ahead at once");
    before.forEach(at -> assertEquals(0, Instant.parse(at).getEpochSecond() % 600, at));

    JsonObject paused = api.post("deployments/" + deployment + "/pause", "").object();

    assertTrue(paused.getBoolean("paused"));
    assertEquals(List.of(), runs(deployment, "SCHEDULED"));

    JsonObject resumed = api.post("deployments/" + deployment + "/resume", "").object();

    assertFalse(resumed.getBoolean("paused"));
    Set<String> after = expectedStarts(runs(deployment, "SCHEDULED"));
    assertFalse(after.isEmpty());
    after.forEach(at -> assertEquals(0, Instant.parse(at).getEpochSecond() % 600, at));
    api.delete("deployments/" + deployment);
  }

  @Test
  void changingAScheduleReplacesItsFutureRuns() {
    String name = unique("change");
    String deployment =
        api.deploy(
            "{\"flowName\":\"schedules\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],\"schedules\":[{\"interval\":600}]}");
    String scheduleId =
        api.get("deployments/" + deployment)
            .object()
            .getJsonArray("schedules")
            .getJsonObject(0)
            .getString("id");

    Api.Reply replaced =
        api.put(
            "deployments/" + deployment,
            "{\"flowName\":\"schedules\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],\"schedules\":[{\"cron\":\"7 3 * * *\","
                + "\"timezone\":\"America/New_York\",\"parameters\":{\"from\":\"cron\"}}]}");

    assertEquals(200, replaced.status(), replaced.body());
    List<JsonObject> scheduled = runs(deployment, "SCHEDULED");
    assertEquals(3, scheduled.size(), "min-runs 3 of a daily cron: " + scheduled);
    for (JsonObject run : scheduled) {
      OffsetDateTime local =
          Instant.parse(run.getString("expectedStartTime"))
              .atZone(java.time.ZoneId.of("America/New_York"))
              .toOffsetDateTime();
      assertEquals(3, local.getHour(), run.toString());
      assertEquals(7, local.getMinute(), run.toString());
      assertEquals("cron", run.getJsonObject("parameters").getString("from"));
      assertFalse(scheduleId.equals(run.getString("scheduleId")), "the old schedule's runs went");
    }
    api.delete("deployments/" + deployment);
  }

  @Test
  void badSchedulesAreRefusedNamingIndexAndFieldAndStoreNothing() {
    String name = unique("bad");
    Api.Reply reply =
        api.post(
            "deployments",
            "{\"flowName\":\"schedules\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],\"schedules\":["
                + "{\"interval\":60},"
                + "{\"cron\":\"61 * * * *\"},"
                + "{\"rrule\":\"FREQ=SOMETIMES\"},"
                + "{\"interval\":0},"
                + "{\"cron\":\"* * * * *\",\"interval\":5},"
                + "{\"interval\":60,\"timezone\":\"Mars/Olympus_Mons\"},"
                + "{\"interval\":60,\"anchorDate\":\"yesterday\"}]}");

    assertEquals(400, reply.status(), reply.body());
    assertEquals("application/problem+json", reply.contentType());
    Set<String> fields =
        reply.object().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("field"))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "schedules[1].cron",
            "schedules[2].rrule",
            "schedules[3].interval",
            "schedules[4]",
            "schedules[5].timezone",
            "schedules[6].anchorDate"),
        fields,
        reply.body());
    assertEquals(404, api.get("deployments/name/schedules/" + name).status());
  }

  @Test
  void aRefusedReplacementKeepsTheDeploymentAndItsRuns() {
    String name = unique("keep");
    String deployment =
        api.deploy(
            "{\"flowName\":\"schedules\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],\"schedules\":[{\"interval\":900}]}");
    Set<String> before = ids(runs(deployment, "SCHEDULED"));

    Api.Reply reply =
        api.put(
            "deployments/" + deployment,
            "{\"flowName\":\"schedules\",\"name\":\""
                + name
                + "\",\"command\":[\"/bin/true\"],"
                + "\"schedules\":[{\"rrule\":\"FREQ=DAILY;BYHOUR=24\"}]}");

    assertEquals(400, reply.status(), reply.body());
    assertEquals(
        "schedules[0].rrule",
        reply.object().getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject stored = api.get("deployments/" + deployment).object();
    assertEquals(900, stored.getJsonArray("schedules").getJsonObject(0).getInt("interval"));
    assertEquals(before, ids(runs(deployment, "SCHEDULED")));
    api.delete("deployments/" + deployment);
  }

  @Test
  void previewOfADailyBerlinCronListsEachDaylightSavingDayOnce() {
    String deployment =
        api.deploy(
            "{\"flowName\":\"schedules\",\"name\":\""
                + unique("preview")
                + "\",\"command\":[\"/bin/true\"],\"paused\":true,"
                + "\"schedules\":[{\"cron\":\"30 2 * * *\",\"timezone\":\"Europe/Berlin\"}]}");

    Api.Reply reply =
        api.get(
            "deployments/" + deployment + "/schedule-preview?from=2027-03-27T00:00:00Z&count=250");

    assertEquals(200, reply.status(), reply.body());
    JsonObject schedule = reply.object().getJsonArray("schedules").getJsonObject(0);
    assertEquals("Europe/Berlin", schedule.getString("timezone"));
    Map<String, List<JsonObject>> byLocalDay =
        schedule.getJsonArray("fires").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.groupingBy(f -> f.getString("local").substring(0, 10)));
    assertEquals(1, byLocalDay.get("2027-03-28").size(), byLocalDay.get("2027-03-28").toString());
    assertEquals(1, byLocalDay.get("2027-10-31").size(), byLocalDay.get("2027-10-31").toString());
    assertEquals(
        "2027-03-28T01:00:00Z",
        byLocalDay.get("2027-03-28").get(0).getString("utc"),
        "02:30 does not exist that day: the run comes when the clocks jump to 03:00");
    assertEquals(
        "2027-10-31T00:30:00Z",
        byLocalDay.get("2027-10-31").get(0).getString("utc"),
        "02:30 happens twice that day: the run comes at the first");
    assertEquals(
        "2027-03-27T02:30:00+01:00", byLocalDay.get("2027-03-27").get(0).getString("local"));
    assertEquals(List.of(), runs(deployment, "SCHEDULED"), "a preview creates no run");
    api.delete("deployments/" + deployment);
  }

  @Test
  void aRunWaitingWellPastItsStartIsRenamedLate() {
    String busy = api.deploy("schedules", unique("busy"), "[\"/bin/sleep\",\"12\"]");
    String waiting = api.deploy("schedules", unique("waiting"), "[\"/bin/true\"]");
    List<String> sleepers = List.of(api.run(busy, "{}"), api.run(busy, "{}"));
    sleepers.forEach(id -> api.await(id, r -> !Api.isNull(r, "startTime"), Duration.ofSeconds(20)));

    String overdue =
        api.run(waiting, "{\"scheduledStart\":\"" + OffsetDateTime.now().minusSeconds(20) + "\"}");

    JsonObject late =
        api.await(
            overdue,
            r -> "Late".equals(r.getJsonObject("state").getString("name")) || !isScheduled(r),
            Duration.ofSeconds(20));
    assertEquals("SCHEDULED", Api.stateType(late), late.toString());
    assertEquals("Late", late.getJsonObject("state").getString("name"));
    assertEquals("COMPLETED", Api.stateType(api.awaitEnd(overdue)), "a late run still runs");
  }

  /** Runs made at least a second before their instant. */
  private static List<JsonObject> madeAhead(List<JsonObject> runs) {
    return runs.stream()
        .filter(
            r ->
                Instant.parse(r.getString("createdAt"))
                    .plusSeconds(1)
                    .isBefore(Instant.parse(r.getString("expectedStartTime"))))
        .toList();
  }

  private static boolean isScheduled(JsonObject run) {
    return "SCHEDULED".equals(Api.stateType(run));
  }

  private List<JsonObject> runs(String deployment, String stateType) {
    return api.get("flow-runs?limit=500&deploymentId=" + deployment + "&stateType=" + stateType)
        .array()
        .getValuesAs(JsonObject.class);
  }

  private static Set<String> expectedStarts(List<JsonObject> runs) {
    return runs.stream().map(r -> r.getString("expectedStartTime")).collect(Collectors.toSet());
  }

  private static Set<String> ids(List<JsonObject> runs) {
    return runs.stream().map(r -> r.getString("id")).collect(Collectors.toSet());
  }
}
