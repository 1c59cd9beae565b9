package dev.runway.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.platform.entity.FieldError;
import dev.runway.schedules.entity.Schedule;
import dev.runway.schedules.entity.ScheduleRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScheduleValidatorTest {

  private static final String NEW_YORK_RULE =
      "DTSTART;TZID=America/New_York:20270301T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6";

  private static List<FieldError> check(ScheduleRequest... schedules) {
    return ScheduleValidator.check(Arrays.asList(schedules));
  }

  private static ScheduleRequest interval(String seconds) {
    return new ScheduleRequest(
        null, new BigDecimal(seconds), null, null, null, null, null, null, null);
  }

  /** The only error, which must be on {@code field}; its message. */
  private static String onlyError(String field, ScheduleRequest schedule) {
    List<FieldError> errors = check(schedule);
    assertEquals(1, errors.size(), () -> errors.toString());
    assertEquals(field, errors.get(0).field());
    return errors.get(0).message();
  }

  private static void assertContains(String expected, String actual) {
    assertTrue(actual.contains(expected), () -> '"' + actual + "\" lacks \"" + expected + '"');
  }

  @Test
  void validSchedulesHaveNoErrors() {
    assertEquals(
        List.of(),
        check(
            ScheduleRequest.interval(3600),
            ScheduleRequest.interval(60).withAnchorDate("2027-03-27T02:30:00"),
            ScheduleRequest.interval(60).withAnchorDate("2027-03-27T02:30"),
            ScheduleRequest.interval(60).withAnchorDate("2027-03-27T02:30:00+01:00"),
            ScheduleRequest.interval(60).withAnchorDate("2027-03-27T01:30:00Z"),
            ScheduleRequest.interval(60).withAnchorDate(" 2027-03-27 "),
            interval("86400.000"),
            ScheduleRequest.cron("0 0 13 * 5").withDayOr(false).withTimezone("Europe/Berlin"),
            ScheduleRequest.cron(" @daily "),
            ScheduleRequest.cron("0 9 * jan-mar MON-FRI"),
            ScheduleRequest.rrule("FREQ=DAILY"),
            ScheduleRequest.rrule("RRULE:FREQ=DAILY;BYHOUR=9").withTimezone("UTC"),
            ScheduleRequest.rrule(NEW_YORK_RULE),
            ScheduleRequest.rrule(NEW_YORK_RULE).withTimezone("America/New_York"),
            ScheduleRequest.rrule(
                "DTSTART;VALUE=DATE:20270101\r\n"
                    + "RRULE:FREQ=DAILY;UNTIL=20270110\r\n"
                    + "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
                    + "EXDATE;VALUE=DATE:20270102,20270103\r\n"
                    + "EXDATE:20270104T000000Z\r\n"),
            ScheduleRequest.rrule("DTSTART:20200101T000000\nRRULE:FREQ=DAILY;COUNT=3"),
            new ScheduleRequest(
                UUID.randomUUID().toString(),
                BigDecimal.TEN,
                null,
                null,
                null,
                null,
                "UTC",
                false,
                JsonValue.EMPTY_JSON_OBJECT)));
    assertEquals(List.of(), ScheduleValidator.check(List.of()));
    assertEquals(List.of(), ScheduleValidator.check(null));
  }

  @Test
  void exactlyOneKindIsRequired() {
    String message = "exactly one of interval, cron or rrule is required";
    assertEquals(
        List.of(new FieldError("schedules[0]", message)),
        check(new ScheduleRequest(null, null, null, null, null, null, null, null, null)));
    assertEquals(
        List.of(new FieldError("schedules[0]", message)),
        check(
            new ScheduleRequest(
                null, BigDecimal.TEN, null, "* * * * *", null, null, null, null, null)));
    assertEquals(
        List.of(new FieldError("schedules[0]", message)),
        check(
            new ScheduleRequest(
                null, null, null, "* * * * *", null, "FREQ=DAILY", null, null, null)));
  }

  @Test
  void aNullScheduleIsNamedByItsIndex() {
    assertEquals(
        List.of(new FieldError("schedules[1]", "must not be null")),
        check(ScheduleRequest.interval(60), null));
  }

  @Test
  void intervalsAreWholeSecondsFromOneSecondToTenYears() {
    assertEquals(
        "must be a whole number of seconds", onlyError("schedules[0].interval", interval("1.5")));
    assertEquals("must be at least 1 second", onlyError("schedules[0].interval", interval("0")));
    assertEquals("must be at least 1 second", onlyError("schedules[0].interval", interval("-60")));
    assertEquals(
        "must be at most 3650 days (315360000 seconds)",
        onlyError("schedules[0].interval", interval("315360001")));
    assertEquals(List.of(), check(interval("1"), interval("315360000"), interval("1E+3")));
  }

  @Test
  void anAnchorDateOnlyAppliesToAnIntervalAndMustParse() {
    assertEquals(
        "only applies to an interval schedule",
        onlyError(
            "schedules[0].anchorDate",
            ScheduleRequest.cron("* * * * *").withAnchorDate("2027-01-01")));
    String message =
        onlyError(
            "schedules[0].anchorDate",
            ScheduleRequest.interval(60).withAnchorDate("27.03.2027 02:30"));
    assertContains("2027-03-27T02:30:00", message);
    onlyError("schedules[0].anchorDate", ScheduleRequest.interval(60).withAnchorDate("2027-02-30"));
    onlyError("schedules[0].anchorDate", ScheduleRequest.interval(60).withAnchorDate(""));
  }

  @Test
  void aCronMustParseAndMatchSomeDate() {
    String badMinute = onlyError("schedules[0].cron", ScheduleRequest.cron("60 * * * *"));
    assertContains("is not a valid cron expression", badMinute);
    assertContains("Value 60 not in range [0, 59]", badMinute);
    assertContains(
        "contains 6 parts", onlyError("schedules[0].cron", ScheduleRequest.cron("0 * * * * *")));
    onlyError("schedules[0].cron", ScheduleRequest.cron("@reboot"));
    onlyError("schedules[0].cron", ScheduleRequest.cron("0 0 L * *"));
    assertEquals("must not be blank", onlyError("schedules[0].cron", ScheduleRequest.cron(" ")));
    assertEquals(
        "never matches any date",
        onlyError("schedules[0].cron", ScheduleRequest.cron("0 0 30 2 *")));
    assertEquals(
        "never matches any date",
        onlyError("schedules[0].cron", ScheduleRequest.cron("0 0 31 4 1").withDayOr(false)));
    assertEquals(List.of(), check(ScheduleRequest.cron("0 0 31 4 1").withDayOr(true)));
  }

  @Test
  void dayOrOnlyAppliesToACron() {
    assertEquals(
        "only applies to a cron schedule",
        onlyError("schedules[0].dayOr", ScheduleRequest.interval(60).withDayOr(true)));
  }

  @Test
  void anRruleMustParse() {
    assertContains(
        "Unknown FREQ value FOO",
        onlyError("schedules[0].rrule", ScheduleRequest.rrule("FREQ=FOO")));
    String strict = onlyError("schedules[0].rrule", ScheduleRequest.rrule("FREQ=WEEKLY;BYDAY=1MO"));
    assertContains("is not a valid rrule", strict);
    assertContains("BYDAY", strict);
    assertContains(
        "UNTIL and COUNT",
        onlyError(
            "schedules[0].rrule",
            ScheduleRequest.rrule("FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z")));
    assertContains(
        "RDATE:20270101T090000",
        onlyError(
            "schedules[0].rrule",
            ScheduleRequest.rrule("RDATE:20270101T090000\nRRULE:FREQ=DAILY")));
    assertContains(
        "DTSTART:2027-01-01",
        onlyError("schedules[0].rrule", ScheduleRequest.rrule("DTSTART:2027-01-01\nFREQ=DAILY")));
    assertContains(
        "20271301T000000",
        onlyError(
            "schedules[0].rrule",
            ScheduleRequest.rrule("FREQ=DAILY\nEXDATE:20270101T000000,20271301T000000")));
    assertContains(
        "only one DTSTART",
        onlyError(
            "schedules[0].rrule",
            ScheduleRequest.rrule(
                "DTSTART:20270101T000000\nDTSTART:20270102T000000\nRRULE:FREQ=DAILY")));
    assertContains(
        "an RRULE is required",
        onlyError("schedules[0].rrule", ScheduleRequest.rrule("DTSTART:20270101T000000")));
    assertContains(
        "UNTIL",
        onlyError("schedules[0].rrule", ScheduleRequest.rrule("FREQ=DAILY;UNTIL=20270230T000000")));
    assertEquals("must not be blank", onlyError("schedules[0].rrule", ScheduleRequest.rrule("")));
  }

  @Test
  void anRruleThatLibRecurCannotIterateNeverMatches() {
    assertContains(
        "never matches any date",
        onlyError(
            "schedules[0].rrule", ScheduleRequest.rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")));
  }

  @Test
  void dtstartsTzidMustBeKnownAndMatchTheTimezone() {
    assertEquals(
        "DTSTART's TZID must match timezone",
        onlyError(
            "schedules[0].rrule",
            ScheduleRequest.rrule(NEW_YORK_RULE).withTimezone("Europe/Berlin")));
    String unknown =
        onlyError(
            "schedules[0].rrule",
            ScheduleRequest.rrule("DTSTART;TZID=Mars/Olympus:20270101T090000\nFREQ=DAILY"));
    assertContains("unknown TZID \"Mars/Olympus\"", unknown);
    assertContains("DTSTART;TZID=Mars/Olympus:20270101T090000", unknown);
  }

  @Test
  void aTimezoneIsAnIanaRegionName() {
    String message = "must be an IANA time zone name such as Europe/Berlin or UTC";
    assertEquals(
        message,
        onlyError("schedules[0].timezone", ScheduleRequest.interval(60).withTimezone("CEST")));
    assertEquals(
        message,
        onlyError("schedules[0].timezone", ScheduleRequest.interval(60).withTimezone("+01:00")));
    assertEquals(List.of(), check(ScheduleRequest.interval(60).withTimezone("UTC")));
  }

  @Test
  void anIdIsAUuid() {
    ScheduleRequest r =
        new ScheduleRequest("42", BigDecimal.TEN, null, null, null, null, null, null, null);
    assertContains("must be a UUID", onlyError("schedules[0].id", r));
  }

  @Test
  void everyErrorOfEverySchedule() {
    assertEquals(
        List.of(
            new FieldError("schedules[0].interval", "must be at least 1 second"),
            new FieldError("schedules[1]", "exactly one of interval, cron or rrule is required"),
            new FieldError("schedules[1].anchorDate", "only applies to an interval schedule"),
            new FieldError("schedules[1].dayOr", "only applies to a cron schedule"),
            new FieldError("schedules[3]", "must not be null"),
            new FieldError("schedules[4].cron", "never matches any date"),
            new FieldError(
                "schedules[4].timezone",
                "must be an IANA time zone name such as Europe/Berlin or UTC")),
        check(
                interval("0"),
                new ScheduleRequest(null, null, "2027-01-01", null, true, null, null, null, null),
                ScheduleRequest.rrule("FREQ=DAILY"),
                null,
                ScheduleRequest.cron("0 0 30 2 *").withTimezone("Mars/Olympus"))
            .stream()
            .sorted(
                (a, b) ->
                    a.field().compareTo(b.field()) != 0
                        ? a.field().compareTo(b.field())
                        : a.message().compareTo(b.message()))
            .toList());
  }

  @Test
  void normaliseFillsInTheDefaults() {
    UUID id = UUID.randomUUID();
    assertEquals(
        new Schedule(id, 3600L, null, null, null, null, "UTC", true, JsonValue.EMPTY_JSON_OBJECT),
        ScheduleValidator.normalise(interval("3600.0"), id));
    assertEquals(
        new Schedule(
            id, null, null, "0 9 * * *", true, null, "UTC", true, JsonValue.EMPTY_JSON_OBJECT),
        ScheduleValidator.normalise(ScheduleRequest.cron(" 0 9 * * * "), id));
    Schedule fromRule = ScheduleValidator.normalise(ScheduleRequest.rrule(NEW_YORK_RULE), null);
    assertEquals("America/New_York", fromRule.timezone());
    assertNull(fromRule.dayOr());
    assertNull(fromRule.id());
    assertEquals(
        "UTC", ScheduleValidator.normalise(ScheduleRequest.rrule("FREQ=DAILY"), id).timezone());
  }

  @Test
  void normaliseKeepsWhatIsGiven() {
    UUID id = UUID.randomUUID();
    JsonObject parameters = jakarta.json.Json.createObjectBuilder().add("mode", "full").build();
    ScheduleRequest given =
        ScheduleRequest.interval(60)
            .withAnchorDate(" 2027-01-01T09:00 ")
            .withTimezone("Europe/Berlin")
            .withActive(false)
            .withParameters(parameters);
    assertEquals(
        new Schedule(
            id, 60L, "2027-01-01T09:00", null, null, null, "Europe/Berlin", false, parameters),
        ScheduleValidator.normalise(given, id));
    assertEquals(
        false,
        ScheduleValidator.normalise(ScheduleRequest.cron("* * * * *").withDayOr(false), id)
            .dayOr());
    assertEquals(
        "Europe/Berlin",
        ScheduleValidator.normalise(
                ScheduleRequest.rrule(" FREQ=DAILY\n").withTimezone("Europe/Berlin"), id)
            .timezone());
    assertEquals(
        "FREQ=DAILY",
        ScheduleValidator.normalise(ScheduleRequest.rrule(" FREQ=DAILY\n"), id).rrule());
  }

  @Test
  void aNormalisedScheduleEvaluates() {
    Schedule s =
        ScheduleValidator.normalise(
            ScheduleRequest.cron("30 2 * * *").withTimezone("Europe/Berlin"), UUID.randomUUID());
    assertEquals(
        Schedules.instants("2027-03-28T01:00:00Z"),
        Recurrences.of(s)
            .fires(Schedules.at("2027-03-28T00:00:00Z"), 5, Schedules.at("2027-03-28T23:59:59Z")));
  }
}
