package dev.runway.flowruns.control;

import dev.runway.flowruns.entity.RunRequest;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Checks a run request before anything is stored. */
final class RunRequests {

  private RunRequests() {}

  static void check(RunRequest r) {
    List<FieldError> errors = new ArrayList<>();
    if (r.idempotencyKey() != null
        && (r.idempotencyKey().isBlank() || r.idempotencyKey().length() > 200)) {
      errors.add(new FieldError("idempotencyKey", "must be 1 to 200 characters"));
    }
    if (r.tags() != null && r.tags().contains(null)) {
      errors.add(new FieldError("tags", "must not hold null"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }
}
