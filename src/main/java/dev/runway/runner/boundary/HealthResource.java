package dev.runway.runner.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 200 while the poll loop is alive, 503 otherwise: what a load balancer or probe asks. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @Inject Runner runner;

  @GET
  @PermitAll
  public Response health() {
    boolean healthy = runner.isHealthy();
    var body = Json.createObjectBuilder().add("status", healthy ? "UP" : "DOWN").build();
    return Response.status(healthy ? 200 : 503).entity(body).build();
  }
}
