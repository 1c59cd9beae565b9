package dev.runway.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.platform.control.ProblemException;
import dev.runway.schedules.entity.Schedule;
import dev.runway.schedules.entity.ScheduleRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScheduleIdentityTest {

  private final Schedule hourly =
      ScheduleValidator.normalise(ScheduleRequest.interval(3600), UUID.randomUUID());
  private final Schedule nightly =
      ScheduleValidator.normalise(ScheduleRequest.cron("0 2 * * *"), UUID.randomUUID());

  @Test
  void newSchedulesGetNewIds() {
    List<Schedule> assigned =
        ScheduleIdentity.assign(
            List.of(ScheduleRequest.interval(60), ScheduleRequest.interval(60)), List.of());

    assertEquals(2, assigned.size());
    assertNotEquals(assigned.get(0).id(), assigned.get(1).id());
  }

  @Test
  void anUnchangedScheduleSentAgainWithoutItsIdKeepsIt() {
    List<Schedule> assigned =
        ScheduleIdentity.assign(
            List.of(ScheduleRequest.cron("0 2 * * *"), ScheduleRequest.interval(3600)),
            List.of(hourly, nightly));

    assertEquals(List.of(nightly.id(), hourly.id()), assigned.stream().map(Schedule::id).toList());
  }

  @Test
  void aChangedScheduleWithoutItsIdIsNew() {
    List<Schedule> assigned =
        ScheduleIdentity.assign(List.of(ScheduleRequest.interval(1800)), List.of(hourly));

    assertNotEquals(hourly.id(), assigned.get(0).id());
  }

  @Test
  void aChangedScheduleWithItsIdKeepsIt() {
    ScheduleRequest changed =
        new ScheduleRequest(
            hourly.id().toString(), null, null, "0 3 * * *", null, null, null, null, null);

    List<Schedule> assigned = ScheduleIdentity.assign(List.of(changed), List.of(hourly));

    assertEquals(hourly.id(), assigned.get(0).id());
    assertEquals("0 3 * * *", assigned.get(0).cron());
  }

  @Test
  void anIdOfNoScheduleOfTheDeploymentIsRefused() {
    ScheduleRequest stranger =
        new ScheduleRequest(
            UUID.randomUUID().toString(), null, null, "0 3 * * *", null, null, null, null, null);

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                ScheduleIdentity.assign(
                    List.of(ScheduleRequest.interval(60), stranger), List.of(hourly)));

    assertEquals(400, refused.status());
    assertEquals("schedules[1].id", refused.errors().get(0).field());
  }

  @Test
  void oneIdForTwoSchedulesIsRefused() {
    ScheduleRequest first =
        new ScheduleRequest(
            hourly.id().toString(), null, null, "0 3 * * *", null, null, null, null, null);
    ScheduleRequest second =
        new ScheduleRequest(
            hourly.id().toString(), null, null, "0 4 * * *", null, null, null, null, null);

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> ScheduleIdentity.assign(List.of(first, second), List.of(hourly)));

    assertEquals("schedules[1].id", refused.errors().get(0).field());
  }
}
