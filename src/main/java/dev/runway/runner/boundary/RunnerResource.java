package dev.runway.runner.boundary;

import dev.runway.platform.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The runner of this node, as operators see it. */
@Path("runner")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {

  @Inject Runner runner;

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public RunnerStatus status() {
    return runner.status();
  }
}
