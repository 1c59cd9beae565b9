package dev.runway.platform.boundary;

import dev.runway.platform.control.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns Runway's own refusals into problem+json. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    return Problems.response(e.status(), e.title(), e.getMessage(), e.errors());
  }
}
