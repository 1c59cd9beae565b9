package dev.runway.schedules.control;

import static dev.runway.schedules.control.Schedules.FAR;
import static dev.runway.schedules.control.Schedules.at;
import static dev.runway.schedules.control.Schedules.cron;
import static dev.runway.schedules.control.Schedules.instants;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronRecurrenceTest {

  private static final String BERLIN = "Europe/Berlin";
  private static final Instant NEW_YEAR = at("2027-01-01T00:00:00Z");

  @Test
  void dayOrFiresOnEveryFridayAndEveryThirteenth() {
    assertEquals(
        instants(
            "2027-01-01T00:00:00Z",
            "2027-01-08T00:00:00Z",
            "2027-01-13T00:00:00Z",
            "2027-01-15T00:00:00Z",
            "2027-01-22T00:00:00Z",
            "2027-01-29T00:00:00Z",
            "2027-02-05T00:00:00Z"),
        cron("0 0 13 * 5", true, "UTC").fires(NEW_YEAR, 7, FAR));
  }

  @Test
  void dayAndFiresOnlyOnFridayTheThirteenth() {
    assertEquals(
        instants("2027-08-13T00:00:00Z", "2028-10-13T00:00:00Z", "2029-04-13T00:00:00Z"),
        cron("0 0 13 * 5", false, "UTC").fires(NEW_YEAR, 3, FAR));
  }

  @Test
  void anUnrestrictedDayOfMonthLeavesTheDayOfWeekAloneEitherWay() {
    List<Instant> fridays =
        instants("2027-01-01T00:00:00Z", "2027-01-08T00:00:00Z", "2027-01-15T00:00:00Z");
    assertEquals(fridays, cron("0 0 * * 5", true, "UTC").fires(NEW_YEAR, 3, FAR));
    assertEquals(fridays, cron("0 0 * * FRI", false, "UTC").fires(NEW_YEAR, 3, FAR));
  }

  @Test
  void sundayIsZeroOrSeven() {
    List<Instant> sundays = instants("2027-01-03T00:00:00Z", "2027-01-10T00:00:00Z");
    assertEquals(sundays, cron("0 0 * * 0", true, "UTC").fires(NEW_YEAR, 2, FAR));
    assertEquals(sundays, cron("0 0 * * 7", true, "UTC").fires(NEW_YEAR, 2, FAR));
    assertEquals(sundays, cron("0 0 * * SUN", true, "UTC").fires(NEW_YEAR, 2, FAR));
    assertEquals(sundays, cron("@weekly", true, "UTC").fires(NEW_YEAR, 2, FAR));
  }

  @Test
  void nicknamesAreLocalToTheZone() {
    String newYork = "America/New_York";
    assertEquals(
        instants("2027-01-01T05:00:00Z", "2027-01-02T05:00:00Z"),
        cron("@daily", true, newYork).fires(NEW_YEAR, 2, FAR));
    assertEquals(
        instants("2027-01-01T05:00:00Z", "2028-01-01T05:00:00Z"),
        cron("@yearly", true, newYork).fires(NEW_YEAR, 2, FAR));
    assertEquals(
        instants("2027-01-01T00:00:00Z", "2027-01-01T01:00:00Z"),
        cron("@hourly", true, newYork).fires(NEW_YEAR, 2, FAR));
    assertEquals(
        instants("2027-02-01T05:00:00Z"),
        cron("@monthly", true, newYork).fires(at("2027-01-01T05:00:01Z"), 1, FAR));
  }

  @Test
  void aDailyTimeInTheSpringGapFiresOnceWhenTheClocksJump() {
    Recurrence daily = cron("30 2 * * *", true, BERLIN);
    assertEquals(
        instants("2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z"),
        daily.fires(at("2027-03-27T00:00:00Z"), 10, at("2027-03-28T23:59:59Z")));
    assertEquals(
        instants("2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z"),
        daily.fires(at("2027-03-28T01:00:00Z"), 2, FAR));
    assertEquals(instants("2027-03-29T00:30:00Z"), daily.fires(at("2027-03-28T01:00:01Z"), 1, FAR));
  }

  @Test
  void aDailyTimeInTheAutumnOverlapFiresOnceTheFirstTime() {
    Recurrence daily = cron("30 2 * * *", true, BERLIN);
    assertEquals(
        instants("2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z"),
        daily.fires(at("2027-10-30T00:00:00Z"), 10, at("2027-10-31T23:59:59Z")));
    // from inside the repeated hour, the repeated 02:30 does not fire again
    assertEquals(instants("2027-11-01T01:30:00Z"), daily.fires(at("2027-10-31T01:00:00Z"), 1, FAR));
  }

  @Test
  void anHourlyCronNeverFiresTwiceAcrossBothChanges() {
    Recurrence hourly = cron("30 * * * *", true, BERLIN);
    assertEquals(
        instants(
            "2027-03-27T23:30:00Z",
            "2027-03-28T00:30:00Z",
            "2027-03-28T01:00:00Z",
            "2027-03-28T01:30:00Z",
            "2027-03-28T02:30:00Z"),
        hourly.fires(at("2027-03-27T23:00:00Z"), 5, FAR));
    assertEquals(
        instants(
            "2027-10-30T22:30:00Z",
            "2027-10-30T23:30:00Z",
            "2027-10-31T00:30:00Z",
            "2027-10-31T02:30:00Z",
            "2027-10-31T03:30:00Z"),
        hourly.fires(at("2027-10-30T22:00:00Z"), 5, FAR));
  }

  @Test
  void aQuarterHourlyCronCollapsesTheSpringGapIntoOneFire() {
    assertEquals(
        instants(
            "2027-03-28T00:30:00Z",
            "2027-03-28T00:45:00Z",
            "2027-03-28T01:00:00Z",
            "2027-03-28T01:15:00Z",
            "2027-03-28T01:30:00Z"),
        cron("*/15 * * * *", true, BERLIN).fires(at("2027-03-28T00:30:00Z"), 5, FAR));
  }

  @Test
  void firesHonoursFromMaxAndUntil() {
    Recurrence minutely = cron("* * * * *", true, "UTC");
    assertEquals(
        instants("2027-01-01T00:01:00Z", "2027-01-01T00:02:00Z"),
        minutely.fires(at("2027-01-01T00:00:00.001Z"), 5, at("2027-01-01T00:02:00Z")));
    assertEquals(instants("2027-01-01T00:00:00Z"), minutely.fires(NEW_YEAR, 1, FAR));
    assertEquals(List.of(), minutely.fires(NEW_YEAR, 0, FAR));
    assertEquals(1000, minutely.fires(NEW_YEAR, 1000, FAR).size());
  }

  @Test
  void aCronThatNeverMatchesHasNoFires() {
    assertEquals(List.of(), cron("0 0 30 2 *", true, "UTC").fires(NEW_YEAR, 5, FAR));
  }
}
