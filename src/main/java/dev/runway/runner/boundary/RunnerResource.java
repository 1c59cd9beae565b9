package dev.runway.runner.boundary;

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
  public RunnerStatus status() {
    return runner.status();
  }
}
