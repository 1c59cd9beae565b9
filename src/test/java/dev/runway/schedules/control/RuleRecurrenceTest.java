package dev.runway.schedules.control;

import static dev.runway.schedules.control.Schedules.FAR;
import static dev.runway.schedules.control.Schedules.at;
import static dev.runway.schedules.control.Schedules.instants;
import static dev.runway.schedules.control.Schedules.rrule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleRecurrenceTest {

  private static final String NEW_YORK = "America/New_York";
  private static final String BERLIN = "Europe/Berlin";
  private static final Instant LONG_AGO = at("2000-01-01T00:00:00Z");

  @Test
  void aCountedWeeklyRuleFiresExactlyCountTimesAtNineInNewYork() {
    List<Instant> fires =
        rrule(
                "DTSTART;TZID=America/New_York:20270301T090000\n"
                    + "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6",
                NEW_YORK)
            .fires(LONG_AGO, 100, FAR);
    assertEquals(
        instants(
            "2027-03-01T14:00:00Z",
            "2027-03-03T14:00:00Z",
            "2027-03-05T14:00:00Z",
            "2027-03-08T14:00:00Z",
            "2027-03-10T14:00:00Z",
            "2027-03-12T14:00:00Z"),
        fires);
    fires.forEach(
        fire -> assertEquals(LocalTime.of(9, 0), fire.atZone(ZoneId.of(NEW_YORK)).toLocalTime()));
  }

  @Test
  void aWeeklyRuleStaysAtNineLocalAcrossTheUsChange() {
    assertEquals(
        instants(
            "2027-03-08T14:00:00Z",
            "2027-03-10T14:00:00Z",
            "2027-03-12T14:00:00Z",
            "2027-03-15T13:00:00Z",
            "2027-03-17T13:00:00Z",
            "2027-03-19T13:00:00Z"),
        rrule(
                "DTSTART;TZID=America/New_York:20270308T090000\r\n"
                    + "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6\r\n",
                NEW_YORK)
            .fires(LONG_AGO, 100, FAR));
  }

  @Test
  void aUtcUntilIsAnInstant() {
    // 09:00 in Berlin in January is 08:00Z
    assertEquals(
        instants(
            "2027-01-01T08:00:00Z",
            "2027-01-02T08:00:00Z",
            "2027-01-03T08:00:00Z",
            "2027-01-04T08:00:00Z",
            "2027-01-05T08:00:00Z"),
        rrule("DTSTART:20270101T090000\nRRULE:FREQ=DAILY;UNTIL=20270105T080000Z", BERLIN)
            .fires(LONG_AGO, 100, FAR));
    assertEquals(
        4,
        rrule("DTSTART:20270101T090000\nRRULE:FREQ=DAILY;UNTIL=20270105T075959Z", BERLIN)
            .fires(LONG_AGO, 100, FAR)
            .size());
  }

  @Test
  void aFloatingUntilIsLocal() {
    assertEquals(
        instants("2027-01-01T08:00:00Z", "2027-01-02T08:00:00Z"),
        rrule("DTSTART:20270101T090000\nRRULE:FREQ=DAILY;UNTIL=20270102T090000", BERLIN)
            .fires(LONG_AGO, 100, FAR));
  }

  @Test
  void exdatesAreLeftOutInEveryForm() {
    assertEquals(
        instants("2027-01-01T08:00:00Z", "2027-01-05T08:00:00Z"),
        rrule(
                "DTSTART:20270101T090000\n"
                    + "RRULE:FREQ=DAILY;COUNT=5\n"
                    + "EXDATE:20270102T090000,20270103T080000Z\n"
                    + "EXDATE;TZID=America/New_York:20270104T030000",
                BERLIN)
            .fires(LONG_AGO, 100, FAR));
  }

  @Test
  void aCountExhaustedInThePastFiresNoMore() {
    assertEquals(
        List.of(),
        rrule("DTSTART:20200101T000000\nRRULE:FREQ=DAILY;COUNT=3", "UTC")
            .fires(at("2027-01-01T00:00:00Z"), 10, FAR));
  }

  @Test
  void aMinutelyRuleFrom2020IsFastForwardedTo2027() {
    List<Instant> fires =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> rrule("FREQ=MINUTELY", "UTC").fires(at("2027-06-01T12:00:30Z"), 3, FAR));
    assertEquals(
        instants("2027-06-01T12:01:00Z", "2027-06-01T12:02:00Z", "2027-06-01T12:03:00Z"), fires);
  }

  @Test
  void fastForwardingStillHonoursCount() {
    // the 3,000,000th minute from 2020-01-01T00:00 is 2025-09-14T07:59
    Recurrence counted = rrule("RRULE:FREQ=MINUTELY;COUNT=3000000", "UTC");
    assertEquals(
        instants("2025-09-14T07:58:00Z", "2025-09-14T07:59:00Z"),
        counted.fires(at("2025-09-14T07:58:00Z"), 10, FAR));
    assertEquals(List.of(), counted.fires(at("2025-09-14T07:59:01Z"), 10, FAR));
  }

  @Test
  void severalRulesAreMergedWithoutDuplicates() {
    assertEquals(
        instants(
            "2027-01-01T09:00:00Z",
            "2027-01-01T18:00:00Z",
            "2027-01-02T09:00:00Z",
            "2027-01-02T18:00:00Z",
            "2027-01-03T09:00:00Z"),
        rrule(
                "DTSTART:20270101T090000\n"
                    + "RRULE:FREQ=DAILY;COUNT=3\n"
                    + "RRULE:FREQ=DAILY;BYHOUR=9,18;COUNT=4",
                "UTC")
            .fires(LONG_AGO, 100, FAR));
  }

  @Test
  void aRuleTimeInTheSpringGapFiresWhenTheClocksJump() {
    Recurrence rule = rrule("DTSTART:20270326T023000\nRRULE:FREQ=DAILY", BERLIN);
    assertEquals(
        instants(
            "2027-03-26T01:30:00Z",
            "2027-03-27T01:30:00Z",
            "2027-03-28T01:00:00Z",
            "2027-03-29T00:30:00Z"),
        rule.fires(LONG_AGO, 4, FAR));
    assertEquals(instants("2027-03-28T01:00:00Z"), rule.fires(at("2027-03-28T01:00:00Z"), 1, FAR));
  }

  @Test
  void aMinutelyRuleCollapsesTheGapAndSkipsTheRepeatedHour() {
    Recurrence rule = rrule("DTSTART:20270328T015800\nRRULE:FREQ=MINUTELY;INTERVAL=30", BERLIN);
    // 01:58, 02:28 (gap), 02:58 (gap), 03:28
    assertEquals(
        instants("2027-03-28T00:58:00Z", "2027-03-28T01:00:00Z", "2027-03-28T01:28:00Z"),
        rule.fires(LONG_AGO, 3, FAR));
    List<Instant> autumn = rule.fires(at("2027-10-30T23:50:00Z"), 10, at("2027-10-31T02:30:00Z"));
    assertEquals(
        instants(
            "2027-10-30T23:58:00Z",
            "2027-10-31T00:28:00Z",
            "2027-10-31T00:58:00Z",
            "2027-10-31T02:28:00Z"),
        autumn);
  }

  @Test
  void dtstartAsUtcOrDateIsReadInTheZone() {
    assertEquals(
        instants("2027-01-01T08:00:00Z", "2027-01-02T08:00:00Z"),
        rrule("DTSTART:20270101T080000Z\nRRULE:FREQ=DAILY;COUNT=2", BERLIN)
            .fires(LONG_AGO, 10, FAR));
    assertEquals(
        instants("2026-12-31T23:00:00Z", "2027-01-01T23:00:00Z"),
        rrule("DTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;UNTIL=20270102", BERLIN)
            .fires(LONG_AGO, 10, FAR));
  }

  @Test
  void withoutDtstartTheRuleStartsIn2020Locally() {
    assertEquals(
        instants("2019-12-31T23:00:00Z", "2020-01-01T23:00:00Z"),
        rrule("FREQ=DAILY;COUNT=2", BERLIN).fires(LONG_AGO, 10, FAR));
  }

  @Test
  void firesHonoursFromMaxAndUntil() {
    Recurrence hourly = rrule("DTSTART:20270101T000000\nRRULE:FREQ=HOURLY", "UTC");
    assertEquals(
        instants("2027-01-01T01:00:00Z", "2027-01-01T02:00:00Z"),
        hourly.fires(at("2027-01-01T01:00:00Z"), 5, at("2027-01-01T02:00:00Z")));
    assertEquals(
        instants("2027-01-01T02:00:00Z"),
        hourly.fires(at("2027-01-01T01:00:00.5Z"), 1, at("2027-01-01T05:00:00Z")));
    assertTrue(hourly.fires(at("2027-01-01T01:00:00Z"), 0, FAR).isEmpty());
  }
}
