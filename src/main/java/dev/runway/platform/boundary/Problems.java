package dev.runway.platform.boundary;

import dev.runway.platform.entity.FieldError;
import dev.runway.platform.entity.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses, so that every error the API returns has one shape. */
final class Problems {

  private Problems() {}

  static Response response(int status, String title, String detail, List<FieldError> errors) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(status, title, detail, errors))
        .build();
  }

  static Response response(int status, String title, String detail) {
    return response(status, title, detail, List.of());
  }
}
