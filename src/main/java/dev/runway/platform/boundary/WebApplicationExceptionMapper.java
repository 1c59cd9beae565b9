package dev.runway.platform.boundary;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The JAX-RS runtime's own errors (no such path, wrong method, unreadable body) in the same
 * problem+json shape as Runway's.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    if (hasCause(e, JsonbException.class) || hasCause(e, ProcessingException.class)) {
      return Problems.response(400, "Unreadable request body", BodyErrors.describe(e));
    }
    Response original = e.getResponse();
    Response.StatusType status = original.getStatusInfo();
    Response problem =
        Problems.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                problem.getHeaders().put(name, values);
              }
            });
    return problem;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
