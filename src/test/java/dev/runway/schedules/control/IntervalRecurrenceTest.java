package dev.runway.schedules.control;

import static dev.runway.schedules.control.Schedules.FAR;
import static dev.runway.schedules.control.Schedules.at;
import static dev.runway.schedules.control.Schedules.instants;
import static dev.runway.schedules.control.Schedules.interval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalRecurrenceTest {

  private static final String BERLIN = "Europe/Berlin";

  @Test
  void hourlyStepsAreElapsedHoursAcrossTheSpringChange() {
    Recurrence hourly = interval(3600, "2027-03-28T00:00:00", BERLIN);
    assertEquals(
        instants(
            "2027-03-27T23:00:00Z",
            "2027-03-28T00:00:00Z",
            "2027-03-28T01:00:00Z",
            "2027-03-28T02:00:00Z",
            "2027-03-28T03:00:00Z"),
        hourly.fires(at("2027-03-27T22:30:00Z"), 5, FAR));
  }

  @Test
  void hourlyStepsAreElapsedHoursAcrossTheAutumnChange() {
    Recurrence hourly = interval(3600, "2027-10-31T00:00:00", BERLIN);
    assertEquals(
        instants(
            "2027-10-30T22:00:00Z",
            "2027-10-30T23:00:00Z",
            "2027-10-31T00:00:00Z",
            "2027-10-31T01:00:00Z",
            "2027-10-31T02:00:00Z",
            "2027-10-31T03:00:00Z"),
        hourly.fires(at("2027-10-30T22:00:00Z"), 6, FAR));
  }

  @Test
  void aDailyNineOClockStaysNineLocalAcrossBothChanges() {
    Recurrence daily = interval(86_400, "2027-03-01T09:00", BERLIN);
    assertEquals(
        instants(
            "2027-03-26T08:00:00Z",
            "2027-03-27T08:00:00Z",
            "2027-03-28T07:00:00Z",
            "2027-03-29T07:00:00Z"),
        daily.fires(at("2027-03-26T00:00:00Z"), 4, FAR));
    assertEquals(
        instants("2027-10-30T07:00:00Z", "2027-10-31T08:00:00Z", "2027-11-01T08:00:00Z"),
        daily.fires(at("2027-10-30T00:00:00Z"), 3, FAR));
  }

  @Test
  void aDailyTimeInTheGapFiresWhenTheClocksJump() {
    Recurrence daily = interval(86_400, "2027-03-01T02:30", BERLIN);
    assertEquals(
        instants("2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z"),
        daily.fires(at("2027-03-27T00:00:00Z"), 3, FAR));
    // from the very moment of the jump, that day's fire is still ahead
    assertEquals(instants("2027-03-28T01:00:00Z"), daily.fires(at("2027-03-28T01:00:00Z"), 1, FAR));
  }

  @Test
  void aDailyTimeInTheOverlapFiresOnceTheFirstTime() {
    Recurrence daily = interval(86_400, "2027-03-01T02:30", BERLIN);
    assertEquals(
        instants("2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z", "2027-11-01T01:30:00Z"),
        daily.fires(at("2027-10-30T00:00:00Z"), 3, FAR));
    assertEquals(instants("2027-11-01T01:30:00Z"), daily.fires(at("2027-10-31T00:30:01Z"), 1, FAR));
  }

  @Test
  void wholeDayIntervalsStepCalendarDaysFromAnOffsetAnchorReadLocally() {
    // 08:00Z is 09:00 in Berlin in March before the change
    Recurrence everyTwoDays = interval(2 * 86_400, "2027-03-20T08:00:00Z", BERLIN);
    assertEquals(
        instants("2027-03-26T08:00:00Z", "2027-03-28T07:00:00Z", "2027-03-30T07:00:00Z"),
        everyTwoDays.fires(at("2027-03-25T00:00:00Z"), 3, FAR));
  }

  @Test
  void anAnchorInTheFutureStillFiresBeforeIt() {
    Recurrence hourly = interval(3600, "2030-01-01T00:30:00Z", "UTC");
    assertEquals(
        instants("2027-01-01T00:30:00Z", "2027-01-01T01:30:00Z"),
        hourly.fires(at("2027-01-01T00:00:00Z"), 2, FAR));
    Recurrence daily = interval(86_400, "2030-06-01T09:00", BERLIN);
    assertEquals(
        instants("2027-01-01T08:00:00Z", "2027-07-01T07:00:00Z"),
        List.of(
            daily.fires(at("2027-01-01T00:00:00Z"), 1, FAR).get(0),
            daily.fires(at("2027-07-01T00:00:00Z"), 1, FAR).get(0)));
  }

  @Test
  void theDefaultAnchorIsTheStartOf2020InTheZone() {
    // 2020-01-01 was a Wednesday; so is 2027-01-06
    Recurrence weekly = interval(7 * 86_400, null, BERLIN);
    assertEquals(
        instants("2027-01-05T23:00:00Z", "2027-01-12T23:00:00Z"),
        weekly.fires(at("2027-01-01T00:00:00Z"), 2, FAR));
    // Kolkata is UTC+05:30 all year: hourly fires fall on the half hour in UTC
    Recurrence hourly = interval(3600, null, "Asia/Kolkata");
    assertEquals(
        instants("2027-01-01T00:30:00Z"), hourly.fires(at("2027-01-01T00:00:00Z"), 1, FAR));
    Recurrence utc = interval(90, null, null);
    assertEquals(
        instants("2027-01-01T00:00:00Z", "2027-01-01T00:01:30Z"),
        utc.fires(at("2027-01-01T00:00:00Z"), 2, FAR));
  }

  @Test
  void everyAnchorFormIsRead() {
    assertEquals(
        instants("2027-03-26T23:00:00Z"),
        interval(86_400, "2027-03-27", BERLIN).fires(at("2027-03-26T12:00:00Z"), 1, FAR));
    assertEquals(
        instants("2027-03-27T01:30:00Z"),
        interval(86_400, "2027-03-27T02:30", BERLIN).fires(at("2027-03-27T00:00:00Z"), 1, FAR));
    assertEquals(
        instants("2027-03-27T01:17:00Z"),
        interval(3600, "2027-03-27T02:17:00+01:00", BERLIN)
            .fires(at("2027-03-27T01:00:00Z"), 1, FAR));
    assertEquals(
        instants("2027-03-27T01:17:00Z"),
        interval(3600, "2027-03-27T00:17:00Z", BERLIN).fires(at("2027-03-27T01:00:00Z"), 1, FAR));
  }

  @Test
  void firesHonoursFromMaxAndUntil() {
    Recurrence quarter = interval(900, "2027-01-01T00:00:00Z", "UTC");
    assertEquals(
        instants("2027-01-01T00:15:00Z", "2027-01-01T00:30:00Z", "2027-01-01T00:45:00Z"),
        quarter.fires(at("2027-01-01T00:15:00Z"), 10, at("2027-01-01T00:45:00Z")));
    assertEquals(
        instants("2027-01-01T00:30:00Z", "2027-01-01T00:45:00Z"),
        quarter.fires(at("2027-01-01T00:15:00.000000001Z"), 2, FAR));
    assertEquals(
        instants("2027-01-01T00:15:00Z"),
        quarter.fires(at("2027-01-01T00:15:00Z"), 10, at("2027-01-01T00:29:59.999Z")));
    assertEquals(List.of(), quarter.fires(at("2027-01-01T00:15:00Z"), 0, FAR));
    assertEquals(
        List.of(), quarter.fires(at("2027-01-01T00:15:00Z"), 5, at("2027-01-01T00:10:00Z")));
    assertEquals(
        List.of(), quarter.fires(at("2027-01-01T00:15:01Z"), 5, at("2027-01-01T00:29:00Z")));
    assertThrows(
        IllegalArgumentException.class, () -> quarter.fires(at("2027-01-01T00:00:00Z"), -1, FAR));
  }

  @Test
  void aLongIntervalFarFromItsAnchorIsComputedNotIterated() {
    Recurrence everySecond = interval(1, "1970-01-01T00:00:00Z", "UTC");
    Instant from = at("2999-12-31T23:59:58.5Z");
    assertEquals(
        instants("2999-12-31T23:59:59Z", "3000-01-01T00:00:00Z"),
        everySecond.fires(from, 2, at("3000-01-01T00:00:00Z")));
  }
}
