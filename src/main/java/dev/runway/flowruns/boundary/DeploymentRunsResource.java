package dev.runway.flowruns.boundary;

import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.FlowRunView;
import dev.runway.flowruns.entity.RunRequest;
import dev.runway.platform.control.Ids;
import dev.runway.platform.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Creates runs of a deployment: 201 for a new run, 200 for an idempotent repeat. */
@Path("deployments/{id}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeploymentRunsResource {

  @Inject FlowRuns flowRuns;

  @POST
  @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
  public Response create(@PathParam("id") String id, RunRequest request, @Context UriInfo uri) {
    FlowRuns.Creation creation = flowRuns.create(Ids.path("Deployment", id), request);
    FlowRunView view = FlowRunView.of(creation.run());
    if (!creation.created()) {
      return Response.ok(view).build();
    }
    return Response.created(
            uri.getBaseUriBuilder().path("flow-runs").path(view.id().toString()).build())
        .entity(view)
        .build();
  }
}
