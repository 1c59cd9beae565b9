package dev.runway.platform.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** A bug or an unreachable store: logged with its stack, answered as a 500 problem. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = System.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(RuntimeException e) {
    LOG.log(Level.ERROR, "Request failed; nothing was changed by it", e);
    return Problems.response(500, "Internal error", "The request failed: " + e);
  }
}
