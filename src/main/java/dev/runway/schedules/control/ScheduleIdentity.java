package dev.runway.schedules.control;

import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.schedules.entity.Schedule;
import dev.runway.schedules.entity.ScheduleRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Gives each schedule of a written deployment its id. A schedule sent with the id of one of the
 * deployment's schedules keeps it; one sent without an id takes the id of an unclaimed stored
 * schedule that says exactly the same thing, so that re-applying an unchanged deployment keeps its
 * schedules and their runs; any other schedule is new.
 */
public final class ScheduleIdentity {

  private ScheduleIdentity() {}

  /** The schedules to store; a 400 problem for an id that is not one of {@code stored}. */
  public static List<Schedule> assign(List<ScheduleRequest> requests, List<Schedule> stored) {
    if (requests == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    Set<UUID> taken = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      String id = requests.get(i).id();
      if (id == null) {
        continue;
      }
      UUID given = UUID.fromString(id);
      if (stored.stream().noneMatch(s -> s.id().equals(given))) {
        errors.add(new FieldError(field(i), "is not the id of a schedule of this deployment"));
      } else if (!taken.add(given)) {
        errors.add(new FieldError(field(i), "is given to two schedules"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    List<Schedule> schedules = new ArrayList<>();
    for (ScheduleRequest request : requests) {
      Schedule schedule = ScheduleValidator.normalise(request, null);
      UUID id =
          request.id() != null
              ? UUID.fromString(request.id())
              : stored.stream()
                  .filter(s -> !taken.contains(s.id()) && s.sameDefinition(schedule))
                  .map(Schedule::id)
                  .findFirst()
                  .orElseGet(UUID::randomUUID);
      taken.add(id);
      schedules.add(schedule.withId(id));
    }
    return schedules;
  }

  private static String field(int index) {
    return "schedules[" + index + "].id";
  }
}
