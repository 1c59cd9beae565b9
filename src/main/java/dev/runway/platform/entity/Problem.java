package dev.runway.platform.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** An RFC 9457 problem document, the body of every error response. */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(int status, String title, String detail, List<FieldError> errors) {
    return new Problem("about:blank", title, status, detail, errors.isEmpty() ? null : errors);
  }
}
