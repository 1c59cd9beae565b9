package dev.runway.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.schedules.entity.Schedule;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredSchedulesTest {

  @Test
  void everyKindOfScheduleReadsBackAsWritten() {
    List<Schedule> schedules =
        List.of(
            new Schedule(
                UUID.randomUUID(),
                90L,
                "2027-01-01T09:00:00",
                null,
                null,
                null,
                "Europe/Berlin",
                true,
                JsonValue.EMPTY_JSON_OBJECT),
            new Schedule(
                UUID.randomUUID(),
                null,
                null,
                "0 13 * * 5",
                false,
                null,
                "UTC",
                false,
                Json.createObjectBuilder().add("region", "eu").build()),
            new Schedule(
                UUID.randomUUID(),
                null,
                null,
                null,
                null,
                "DTSTART;TZID=America/New_York:20270301T090000\nRRULE:FREQ=WEEKLY;COUNT=3",
                "America/New_York",
                true,
                JsonValue.EMPTY_JSON_OBJECT));

    assertEquals(schedules, StoredSchedules.read(StoredSchedules.write(schedules)));
  }

  @Test
  void noSchedulesIsAnEmptyArray() {
    assertEquals("[]", StoredSchedules.write(List.of()));
    assertEquals(List.of(), StoredSchedules.read("[]"));
  }
}
