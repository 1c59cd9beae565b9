package dev.runway.platform.boundary;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** RESTEasy reports a body it cannot bind (bad JSON, an unknown field) this way: a 400. */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return Problems.response(400, "Unreadable request body", BodyErrors.describe(e));
  }
}
