package dev.runway.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WallClockTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String local) {
    return WallClock.instantOf(LocalDateTime.parse(local), BERLIN);
  }

  @Test
  void aTimeInTheSpringGapHappensWhenTheClocksJump() {
    assertEquals(Instant.parse("2027-03-28T00:59:00Z"), at("2027-03-28T01:59"));
    assertEquals(Instant.parse("2027-03-28T01:00:00Z"), at("2027-03-28T02:00"));
    assertEquals(Instant.parse("2027-03-28T01:00:00Z"), at("2027-03-28T02:30"));
    assertEquals(Instant.parse("2027-03-28T01:00:00Z"), at("2027-03-28T02:59:59"));
    assertEquals(Instant.parse("2027-03-28T01:00:00Z"), at("2027-03-28T03:00"));
    assertEquals(Instant.parse("2027-03-28T01:30:00Z"), at("2027-03-28T03:30"));
  }

  @Test
  void aTimeInTheAutumnOverlapHappensTheFirstTime() {
    assertEquals(Instant.parse("2027-10-30T23:59:00Z"), at("2027-10-31T01:59"));
    assertEquals(Instant.parse("2027-10-31T00:00:00Z"), at("2027-10-31T02:00"));
    assertEquals(Instant.parse("2027-10-31T00:30:00Z"), at("2027-10-31T02:30"));
    assertEquals(Instant.parse("2027-10-31T02:00:00Z"), at("2027-10-31T03:00"));
  }

  @Test
  void anOrdinaryTimeHasItsOneInstant() {
    assertEquals(
        Instant.parse("2027-07-01T13:00:00Z"),
        WallClock.instantOf(
            LocalDateTime.parse("2027-07-01T09:00"), ZoneId.of("America/New_York")));
    assertEquals(
        Instant.parse("2027-07-01T09:00:00Z"),
        WallClock.instantOf(LocalDateTime.parse("2027-07-01T09:00"), ZoneId.of("UTC")));
  }

  @Test
  void theLowerBoundLooksAtAGapFromItsStartWhenFromIsTheJump() {
    assertEquals(
        LocalDateTime.parse("2027-03-28T02:00"),
        WallClock.lowerBound(Instant.parse("2027-03-28T01:00:00Z"), BERLIN));
    assertEquals(
        LocalDateTime.parse("2027-03-28T03:00:01"),
        WallClock.lowerBound(Instant.parse("2027-03-28T01:00:01Z"), BERLIN));
    assertEquals(
        LocalDateTime.parse("2027-10-31T03:00"),
        WallClock.lowerBound(Instant.parse("2027-10-31T01:00:00Z"), BERLIN));
    assertEquals(
        LocalDateTime.parse("2027-10-31T02:00:01"),
        WallClock.lowerBound(Instant.parse("2027-10-31T01:00:01Z"), BERLIN));
  }
}
