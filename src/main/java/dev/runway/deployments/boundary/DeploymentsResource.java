package dev.runway.deployments.boundary;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.entity.Deployment;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.deployments.entity.DeploymentView;
import dev.runway.flowruns.control.RunTotals;
import dev.runway.platform.control.Ids;
import dev.runway.platform.control.Paging;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Deployments: create, read, replace, pause, resume, delete. */
@Path("deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

  @Inject Deployments deployments;

  @Inject RunTotals totals;

  @POST
  @RolesAllowed(Roles.ADMIN)
  public Response create(DeploymentRequest request, @Context UriInfo uri) {
    Deployment created = deployments.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.getId().toString()).build())
        .entity(DeploymentView.of(created))
        .build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    Paging page = Paging.of(offset, limit);
    List<DeploymentView> views =
        deployments.list(page.offset(), page.limit()).stream().map(DeploymentView::of).toList();
    return Response.ok(views).header("X-Total-Count", deployments.count()).build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public DeploymentView get(@PathParam("id") String id) {
    return DeploymentView.of(deployments.get(Ids.path("Deployment", id)));
  }

  @GET
  @Path("name/{flowName}/{name}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public DeploymentView byName(
      @PathParam("flowName") String flowName, @PathParam("name") String name) {
    return deployments
        .findByName(flowName, name)
        .map(DeploymentView::of)
        .orElseThrow(() -> ProblemException.notFound("Deployment", flowName + "/" + name));
  }

  @PUT
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  public DeploymentView replace(@PathParam("id") String id, DeploymentRequest request) {
    return DeploymentView.of(deployments.replace(Ids.path("Deployment", id), request));
  }

  @POST
  @Path("{id}/pause")
  @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
  public DeploymentView pause(@PathParam("id") String id) {
    return DeploymentView.of(deployments.pause(Ids.path("Deployment", id)));
  }

  @POST
  @Path("{id}/resume")
  @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
  public DeploymentView resume(@PathParam("id") String id) {
    return DeploymentView.of(deployments.resume(Ids.path("Deployment", id)));
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    deployments.delete(Ids.path("Deployment", id));
    totals.runsChanged(); // its runs that had not started went with it
    return Response.noContent().build();
  }
}
