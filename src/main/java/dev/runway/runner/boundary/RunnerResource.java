package dev.runway.runner.boundary;

import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.entity.FlowRunView;
import dev.runway.platform.control.Roles;
import dev.runway.runner.entity.Bundle;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;

/** The runner of this node, as operators see it. */
@Path("runner")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {

  @Inject Runner runner;

  @Inject FlowRuns flowRuns;

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public RunnerStatus status() {
    return runner.status();
  }

  /**
   * Starts claiming runs; with {@code runOnce=true}, claims what is due once and answers when those
   * runs have ended.
   */
  @POST
  @Path("start")
  @RolesAllowed(Roles.ADMIN)
  public RunnerStatus start(@QueryParam("runOnce") boolean runOnce) {
    runner.start(runOnce);
    return runner.status();
  }

  /** Stops claiming and cancels this node's runs. */
  @POST
  @Path("stop")
  @RolesAllowed(Roles.ADMIN)
  public RunnerStatus stop() {
    runner.stop();
    return runner.status();
  }

  /**
   * Runs an ad-hoc {@code {command, workingDirectory, env, parameters}} now on this node: 201 with
   * the run, 429 when no slot is free.
   */
  @POST
  @Path("bundles")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  public Response executeBundle(Bundle bundle, @Context UriInfo uri) {
    UUID runId = runner.executeBundle(bundle).flowRunId();
    URI location = uri.getBaseUriBuilder().path("flow-runs").path(runId.toString()).build();
    return Response.created(location).entity(FlowRunView.of(flowRuns.get(runId))).build();
  }

  /**
   * Runs this SCHEDULED flow run now on this node, whatever its expected start, as Prefect's {@code
   * execute_flow_run}: 202 with the run, started; 409 when it is not SCHEDULED or another node took
   * it first, 429 when no slot is free.
   */
  @POST
  @Path("flow-runs/{id}/execute")
  @RolesAllowed(Roles.ADMIN)
  public Response executeFlowRun(@PathParam("id") UUID id) {
    runner.executeFlowRun(id);
    return Response.accepted(FlowRunView.of(flowRuns.get(id))).build();
  }

  /** Cancels every run this node holds; the runner goes on claiming. */
  @POST
  @Path("cancel-all")
  @RolesAllowed(Roles.ADMIN)
  public Response cancelAll() {
    return Response.accepted(
            jakarta.json.Json.createObjectBuilder().add("cancelled", runner.cancelAll()).build())
        .build();
  }
}
