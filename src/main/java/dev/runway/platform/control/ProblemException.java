package dev.runway.platform.control;

import dev.runway.platform.entity.FieldError;
import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A refusal the API reports as {@code application/problem+json}: thrown before anything is written,
 * or inside the transaction it rolls back.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final List<FieldError> errors;

  public ProblemException(int status, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new ProblemException(400, "Invalid request", detail, errors);
  }

  public static ProblemException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(404, "Not found", what + " " + id + " does not exist", List.of());
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail, List.of());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
